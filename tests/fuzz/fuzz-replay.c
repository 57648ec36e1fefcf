/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c: main () for the fuzz harness without libFuzzer: runs every file of the
 * folders given on the command line through LLVMFuzzerTestOneInput () once. A failed check
 * aborts (see fuzz-loader.c), which fails the test. */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  guint total = 0;
  int i;

  LLVMFuzzerInitialize (&argc, &argv);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FOLDER…\n", argv[0]);
      return 2;
    }

  for (i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint j, n = 0;

      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (argv[i], names->pdata[j], NULL);
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          if (!g_file_get_contents (path, &contents, &len, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          /* Say which input is running, so a crash names it. */
          fprintf (stderr, "%s\n", path);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
          n++;
        }
      printf ("replayed %u inputs from %s\n", n, argv[i]);
      total += n;
    }
  printf ("replayed %u inputs in all\n", total);
  return total > 0 ? 0 : 1;
}
