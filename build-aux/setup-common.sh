# SPDX-License-Identifier: GPL-3.0-or-later
# Shared set-up for build-aux/run and build-aux/test. Source it from bash; it defines
# functions and variables and changes nothing until one of them is called:
#
#   jm_install_packages   install what build-aux/debian-packages.txt lists and is missing
#   jm_build [DIR OPTS…]  configure build/ (or DIR, with meson setup OPTS) or reuse it, and
#                         compile; build-aux/test also builds build-asan/ this way
#
# Both are idempotent: a second call on a ready machine installs nothing and rebuilds
# only what changed.

jm_srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jm_builddir="$jm_srcdir/build"
# The AddressSanitizer + UndefinedBehaviorSanitizer build of build-aux/test (gcc ships both
# runtimes; -Db_lundef=false lets the runtime provide symbols at run time, as clang needs).
jm_asan_builddir="$jm_srcdir/build-asan"
jm_asan_options=(-Db_sanitize=address,undefined -Dbuildtype=debug -Db_lundef=false)
jm_package_list="$jm_srcdir/build-aux/debian-packages.txt"

jm_log ()
{
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Every package named in the list, without comments and blank lines.
jm_listed_packages ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$jm_package_list"
}

jm_missing_packages ()
{
  local pkg status

  while read -r pkg; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
      printf '%s\n' "$pkg"
    fi
  done < <(jm_listed_packages)
}

jm_install_packages ()
{
  local -a missing sudo=()

  mapfile -t missing < <(jm_missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi

  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      jm_log "missing Debian packages: ${missing[*]}"
      jm_log "run this as root, then try again:"
      printf 'apt-get update && apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
      exit 1
    fi
  fi

  jm_log "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"

  mapfile -t missing < <(jm_missing_packages)
  if [ "${#missing[@]}" -ne 0 ]; then
    jm_log "still missing after apt-get install: ${missing[*]}"
    exit 1
  fi
}

jm_build ()
{
  local builddir="${1:-$jm_builddir}"
  [ "$#" -eq 0 ] || shift

  if [ -f "$builddir/meson-private/coredata.dat" ]; then
    # Reuse it. Reconfigure (about a second, rebuilds nothing by itself) because ninja
    # only notices edited meson.build files, not new tests/*/test-*.c that the
    # meson.build files pick up with fs.exists(). A build dir written by another meson
    # version, which this one cannot read, is set up again from scratch.
    local built_with
    built_with=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["meson_version"]["full"])' \
                   "$builddir/meson-info/meson-info.json" 2>/dev/null || true)
    if [ "$built_with" = "$(meson --version)" ]; then
      local log
      # (ninja's own target, not `meson setup --reconfigure`, which leaves build.ninja
      # older than coredata.dat so the next ninja regenerates a second time.)
      if ! log=$(ninja -C "$builddir" reconfigure 2>&1); then
        printf '%s\n' "$log" >&2
        return 1
      fi
    else
      jm_log "${builddir##*/}/ was set up by meson ${built_with:-?}, not $(meson --version): setting it up again"
      meson setup --wipe "$@" "$builddir" "$jm_srcdir"
    fi
  else
    meson setup "$@" "$builddir" "$jm_srcdir"
  fi
  meson compile -C "$builddir"
}

# Run the uninstalled app and its tests against the schema compiled into build/data, the
# translations compiled into build/po/<lang>/LC_MESSAGES and the icons in data/.
jm_export_uninstalled_env ()
{
  export GSETTINGS_SCHEMA_DIR="$jm_builddir/data"
  export JM_LOCALEDIR="$jm_builddir/po"
  export XDG_DATA_DIRS="$jm_srcdir/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
}
