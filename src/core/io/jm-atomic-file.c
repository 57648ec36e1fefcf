/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jm-atomic-file.c: see jm-atomic-file.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jm-atomic-file.h"

struct _JmAtomicFile
{
  char       *path;       /* the target, symbolic links resolved */
  char       *tmp_path;
  int         fd;
  GByteArray *buffer;     /* small writes are gathered (cairo writes in tiny pieces) */
  gboolean    exists;
  struct stat st;         /* of the target, when it exists */
};

static mode_t
get_umask (void)
{
  static gsize once = 0;
  static mode_t mask = 022;

  if (g_once_init_enter (&once))
    {
      g_autofree char *status = NULL;

      /* umask () cannot be read without setting it, which races with other threads
       * (exports run in a worker thread): read it from /proc. */
      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
        {
          const char *line = strstr (status, "\nUmask:");

          if (line != NULL)
            mask = (mode_t) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8) & 0777;
        }
      g_once_init_leave (&once, 1);
    }
  return mask;
}

static gboolean
set_error (GError    **error,
           int         saved_errno,
           const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file name, then why (from the system). */
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

#define BUFFER_SIZE (64 * 1024)

static void
free_file (JmAtomicFile *self)
{
  if (self->buffer != NULL)
    g_byte_array_unref (self->buffer);
  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self);
}

JmAtomicFile *
jm_atomic_file_new (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  JmAtomicFile *self;
  struct stat lst;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (JmAtomicFile, 1);
  self->fd = -1;
  self->path = g_strdup (path);

  /* Write through a symbolic link into the file it points to, keeping the link. */
  if (lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode))
    {
      char *target = realpath (path, NULL);

      if (target != NULL)
        {
          g_free (self->path);
          self->path = g_strdup (target);
          free (target);
        }
    }

  self->exists = stat (self->path, &self->st) == 0;
  if (!self->exists && errno != ENOENT)
    {
      set_error (error, errno, self->path);
      free_file (self);
      return NULL;
    }
  if (self->exists && S_ISDIR (self->st.st_mode))
    {
      set_error (error, EISDIR, self->path);
      free_file (self);
      return NULL;
    }

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  self->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_error (error, errno, self->path);
      free_file (self);
      return NULL;
    }
  return self;
}

const char *
jm_atomic_file_get_path (JmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

static gboolean
write_all (JmAtomicFile  *self,
           const char    *p,
           gsize          len,
           GError       **error)
{
  while (len > 0)
    {
      gssize n = write (self->fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_error (error, errno, self->path);
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
flush_buffer (JmAtomicFile  *self,
              GError       **error)
{
  gboolean ok;

  if (self->buffer == NULL || self->buffer->len == 0)
    return TRUE;
  ok = write_all (self, (const char *) self->buffer->data, self->buffer->len, error);
  g_byte_array_set_size (self->buffer, 0);
  return ok;
}

gboolean
jm_atomic_file_write (JmAtomicFile  *self,
                      const void    *data,
                      gsize          len,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (len >= BUFFER_SIZE)
    return flush_buffer (self, error) && write_all (self, data, len, error);

  if (self->buffer == NULL)
    self->buffer = g_byte_array_sized_new (BUFFER_SIZE);
  if (self->buffer->len + len > BUFFER_SIZE && !flush_buffer (self, error))
    return FALSE;
  g_byte_array_append (self->buffer, data, (guint) len);
  return TRUE;
}

void
jm_atomic_file_abort (JmAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  free_file (self);
}

gboolean
jm_atomic_file_commit (JmAtomicFile  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  mode_t mode;
  int saved_errno = 0;
  int dir_fd;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  if (!flush_buffer (self, error))
    {
      jm_atomic_file_abort (self);
      return FALSE;
    }
  if (fsync (self->fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      goto failed;
    }
  if (self->exists && (self->st.st_uid != geteuid () || self->st.st_gid != getegid ()))
    {
      /* Keep the owner when we may (e.g. an administrator saving someone's file). */
      if (fchown (self->fd, self->st.st_uid, self->st.st_gid) != 0)
        { /* not allowed: the file becomes ours, as with any editor */ }
    }
  mode = self->exists ? (self->st.st_mode & 07777) : (0666 & ~get_umask ());
  if (fchmod (self->fd, mode) != 0)
    {
      saved_errno = errno;
      goto failed;
    }
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      saved_errno = errno;
      goto failed;
    }
  self->fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      jm_atomic_file_abort (self);
      return FALSE;
    }
  if (rename (self->tmp_path, self->path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* Make the rename itself durable. */
  dir = g_path_get_dirname (self->path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  g_clear_pointer (&self->tmp_path, g_free);
  free_file (self);
  return TRUE;

failed:
  set_error (error, saved_errno, self->path);
  jm_atomic_file_abort (self);
  return FALSE;
}

gboolean
jm_atomic_file_set_contents (const char    *path,
                             const void    *data,
                             gsize          len,
                             GCancellable  *cancellable,
                             GError       **error)
{
  JmAtomicFile *file;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  file = jm_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  if (!jm_atomic_file_write (file, data, len, error))
    {
      jm_atomic_file_abort (file);
      return FALSE;
    }
  return jm_atomic_file_commit (file, cancellable, error);
}
