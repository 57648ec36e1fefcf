#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Headless export through the real executable, with no display at all (TAP).
#
#   tests/core/test-cli.sh JOURNEY-MAPS SAMPLE-EN SAMPLE-ZH BAD-MAP
#
# SAMPLE-EN and SAMPLE-ZH are the bundled sample maps (src/core/io/sample/), BAD-MAP a file the
# loader refuses (tests/data/bad/truncated.json).
set -u

exe=$(realpath "$1")
sample_en=$2
sample_zh=$3
bad_map=$4

# No display of any kind: the export must never need one.
unset DISPLAY WAYLAND_DISPLAY
export GDK_BACKEND=x11

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jm-test-cli.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

n=0
failed=0
echo "1..17"

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

# check DESCRIPTION COMMAND… : passes when the command succeeds.
check () {
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what" "failed: $*"; fi
}

# run EXPECTED-STATUS ARGS… : runs journey-maps, keeps its output in $tmp/out and $tmp/err.
run () {
  local expected=$1
  shift
  "$exe" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    echo "# journey-maps $* exited with $status, expected $expected"
    sed 's/^/# stdout: /' "$tmp/out"
    sed 's/^/# stderr: /' "$tmp/err"
    return 1
  fi
  return 0
}

png_size () {
  # Width and height from the IHDR chunk, big-endian at bytes 16 and 20.
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

has_tool () {
  command -v "$1" >/dev/null 2>&1
}

# 1. PDF of the sample: exit 0, "Exported … → …", text is text.
if run 0 --export "$tmp/map.pdf" "$sample_en" && grep -q "Exported .* → .*map.pdf" "$tmp/out" &&
   [ -s "$tmp/map.pdf" ]; then
  ok "PDF export without a display"
else
  not_ok "PDF export without a display"
fi

if has_tool pdftotext; then
  text=$(pdftotext -enc UTF-8 "$tmp/map.pdf" - | tr -d '\n')
  case $text in
    *"Searches for the causes of rising"*) ;;
    *) text="" ;;
  esac
  case $text in
    *"Acme Analytics"*) ok "the PDF holds the card texts" ;;
    *) not_ok "the PDF holds the card texts" ;;
  esac
else
  ok "the PDF holds the card texts # SKIP pdftotext missing"
fi

# 2. Paginated A4 in the contrast theme with a role lens.
if run 0 --export "$tmp/a4.pdf" --page a4 --theme contrast --role "CTO" "$sample_en"; then
  if has_tool pdfinfo; then
    pages=$(pdfinfo "$tmp/a4.pdf" | awk '/^Pages:/ { print $2 }')
    if [ "${pages:-0}" -gt 1 ] && pdfinfo "$tmp/a4.pdf" | grep -q "A4"; then
      ok "A4 pages ($pages)"
    else
      not_ok "A4 pages" "pages: ${pages:-none}"
    fi
  else
    ok "A4 pages # SKIP pdfinfo missing"
  fi
else
  not_ok "A4 pages"
fi

# 3. PNG at scale 2: twice the pixels of scale 1.
if run 0 --export "$tmp/one.png" "$sample_en" && run 0 --export "$tmp/two.png" --scale 2 "$sample_en"; then
  read -r w1 h1 < <(png_size "$tmp/one.png")
  read -r w2 h2 < <(png_size "$tmp/two.png")
  if [ "$w2" -ge $((2 * w1 - 1)) ] && [ "$w2" -le $((2 * w1)) ] &&
     [ "$h2" -ge $((2 * h1 - 1)) ] && [ "$h2" -le $((2 * h1)) ] && [ "$w1" -gt 1000 ]; then
    ok "PNG scale ($w1×$h1 → $w2×$h2)"
  else
    not_ok "PNG scale" "$w1×$h1 → $w2×$h2"
  fi
else
  not_ok "PNG scale"
fi

# 4. SVG of the Chinese sample: well-formed XML holding the Chinese texts.
if run 0 --export "$tmp/zh.svg" "$sample_zh"; then
  if has_tool xmllint && ! xmllint --noout "$tmp/zh.svg" 2>"$tmp/lint"; then
    not_ok "SVG is XML with the texts" "$(head -3 "$tmp/lint")"
  elif grep -q "中型制造企业采购旅程" "$tmp/zh.svg" && grep -q "搜索停机增加的原因" "$tmp/zh.svg"; then
    ok "SVG is XML with the texts"
  else
    not_ok "SVG is XML with the texts" "the map title is not in the SVG"
  fi
else
  not_ok "SVG is XML with the texts"
fi

# 5. Several maps into a folder, one file each.
if run 0 --output-dir "$tmp/all" --format svg "$sample_en" "$sample_zh" &&
   [ -s "$tmp/all/sample.en.svg" ] && [ -s "$tmp/all/sample.zh_CN.svg" ] &&
   [ "$(grep -c "Exported" "$tmp/out")" -eq 2 ]; then
  ok "--output-dir exports one file per map"
else
  not_ok "--output-dir exports one file per map" "$(ls "$tmp/all" 2>&1)"
fi

# 6. A missing map: exit 1, a message naming it, no file.
if run 1 --export "$tmp/missing.pdf" "$tmp/no-such-map.json" && grep -q "no-such-map.json" "$tmp/err" &&
   [ ! -e "$tmp/missing.pdf" ]; then
  ok "missing map fails cleanly"
else
  not_ok "missing map fails cleanly"
fi

# 7. A broken map: exit 1, the loader's located message, the old file untouched.
echo "old contents" >"$tmp/keep.pdf"
if run 1 --export "$tmp/keep.pdf" "$bad_map" && grep -q "cannot open" "$tmp/err" &&
   [ "$(cat "$tmp/keep.pdf")" = "old contents" ]; then
  ok "bad map fails cleanly, the old output stays"
else
  not_ok "bad map fails cleanly, the old output stays"
fi

# 8. An output that cannot be written (its folder is a file): exit 1, nothing left over.
echo "not a folder" >"$tmp/file"
if run 1 --export "$tmp/file/out.png" "$sample_en" && grep -q "Could not write" "$tmp/err"; then
  ok "unwritable output fails cleanly"
else
  not_ok "unwritable output fails cleanly"
fi

# 9. A read-only folder (when not root, who may write anywhere): nothing written there.
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
if [ "$(id -u)" -eq 0 ]; then
  ok "read-only folder # SKIP running as root"
elif run 1 --export "$tmp/ro/out.pdf" "$sample_en" && [ -z "$(ls -A "$tmp/ro")" ]; then
  ok "read-only folder fails cleanly"
else
  not_ok "read-only folder fails cleanly"
fi
chmod 755 "$tmp/ro"

# 10.–13. Command lines that make no sense: exit 2 with a message, nothing written.
if run 2 --export "$tmp/x.doc" "$sample_en" && grep -q "png, .pdf or .svg" "$tmp/err"; then
  ok "unknown format is a usage error"
else
  not_ok "unknown format is a usage error"
fi
if run 2 --export "$tmp/x.png" --page a4 "$sample_en" && [ ! -e "$tmp/x.png" ]; then
  ok "--page with PNG is a usage error"
else
  not_ok "--page with PNG is a usage error"
fi
if run 2 --export "$tmp/x.pdf" "$sample_en" "$sample_zh"; then
  ok "--export with two maps is a usage error"
else
  not_ok "--export with two maps is a usage error"
fi
if run 1 --export "$tmp/x.pdf" --role "Nobody" "$sample_en" && grep -q "CTO" "$tmp/err" &&
   [ ! -e "$tmp/x.pdf" ]; then
  ok "unknown role names the roles there are"
else
  not_ok "unknown role names the roles there are"
fi

# 14. --help documents the export.
if run 0 --help && grep -q -- "--export" "$tmp/out" && grep -q -- "--output-dir" "$tmp/out" &&
   grep -q -- "--page" "$tmp/out"; then
  ok "--help documents --export"
else
  not_ok "--help documents --export"
fi

# 15. Nothing but the outputs was left in the folder (no temporary files).
leftovers=$(find "$tmp" -name '.*.XXXXXX' -o -name '.*.pdf.*' -o -name '.*.png.*' -o -name '.*.svg.*' | head -3)
if [ -z "$leftovers" ]; then
  ok "no temporary files left"
else
  not_ok "no temporary files left" "$leftovers"
fi

# 16. Exports are independent of the working directory and of relative names.
if (cd "$tmp" && "$exe" --export rel.png "$sample_en" >/dev/null 2>&1) && [ -s "$tmp/rel.png" ]; then
  ok "relative output name"
else
  not_ok "relative output name"
fi

exit $failed
