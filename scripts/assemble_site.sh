#!/usr/bin/env sh
# Names the site's build files by content hash, in a site folder that already holds them under their
# plain names (cmake/web.cmake copies them there first):
#   roster.js -> roster.<12 hex>.js, fonts/atlas-1x.bin -> fonts/atlas-1x.<12 hex>.bin, ...
# (the first 12 hex digits of the file's SHA-256). roster-server serves such names immutable for a
# year and everything else no-cache (src/server/http/static_files.h, content_hashed), so a browser
# never runs a new roster.js against an old cached roster.wasm.
# Then:
# - roster-embed.js gets its accessibility mirror (web/a11y-mirror.js) written in;
# - roster-embed.js, the embedding API's one stable URL, gets the table of hashed names written in
#   (its line `const assetNames = {};`), so it finds them with no further request; a copy of it under
#   a hashed name is what the site's own pages load.
# - the pages (*.html) refer to the hashed names. embed-example.html keeps the stable
#   roster-embed.js: it shows how a host page includes the API.
# POSIX sh and coreutils only (sha256sum, sed): what scripts/setup.sh installs.
#   scripts/assemble_site.sh SITE_DIR
set -eu
cd "$1"

# Renames (or, with "copy", copies) one file to its hashed name and notes the pair in pairs.txt.
pairs=$(mktemp)
trap 'rm -f "$pairs" "$pairs.sed" "$pairs.page.sed" "$pairs.words"' EXIT
hash_name() {
  file=$1
  sum=$(sha256sum "$file" | cut -c1-12)
  dir=$(dirname "$file")
  base=$(basename "$file")
  hashed="${base%.*}.$sum.${base##*.}"
  [ "$dir" = "." ] || hashed="$dir/$hashed"
  if [ "${2:-}" = copy ]; then cp "$file" "$hashed"; else mv "$file" "$hashed"; fi
  echo "$file $hashed" >>"$pairs"
}

# The accessibility mirror (web/a11y-mirror.js) is a part of roster-embed.js kept in its own source:
# put in place of the line naming it, inside that file's function scope, and not served on its own.
awk -v part=a11y-mirror.js '$0 == "  // " part { while ((getline line <part) > 0) print line; found = 1; next }
  { print } END { exit found ? 0 : 1 }' roster-embed.js >roster-embed.js.new ||
  { echo "assemble_site.sh: roster-embed.js has no line '  // a11y-mirror.js' to fill in" >&2; exit 1; }
mv roster-embed.js.new roster-embed.js
rm a11y-mirror.js

# roster-embed.js's own words (below), taken from page-words.js before it gets its hashed name.
sed -n 's/^window\.RosterPageWords = \(.*\);$/\1/p' page-words.js >"$pairs.words"
[ -s "$pairs.words" ] || { echo "assemble_site.sh: page-words.js has no RosterPageWords line" >&2; exit 1; }
for f in roster.js roster.wasm fonts/atlas-1x.bin fonts/atlas-2x.bin roster.css app.js kiosk.js \
  embed-example.js embed-example.css page-words.js page-language.js; do
  [ -f "$f" ] || { echo "assemble_site.sh: $f is missing" >&2; exit 1; }
  hash_name "$f"
done
# favicon.svg stays at its plain name too (served no-cache): browsers and bookmarks ask for it there.
hash_name favicon.svg copy

# The table roster-embed.js looks names up in, for the files it fetches itself:
# {"roster.js":"roster.<hash>.js","roster.wasm":...,"fonts/atlas-1x.bin":...,"fonts/atlas-2x.bin":...}.
table=$(awk '$1 ~ /^(roster\.js|roster\.wasm|fonts\/.*)$/ { printf "%s\"%s\":\"%s\"", n++ ? "," : "{", $1, $2 }
  END { printf "}" }' "$pairs")
sed "s#^  const assetNames = {};\$#  const assetNames = $table;#" roster-embed.js >roster-embed.js.new
if ! grep -q "^  const assetNames = {\"" roster-embed.js.new; then
  echo "assemble_site.sh: roster-embed.js has no line '  const assetNames = {};' to fill in" >&2
  exit 1
fi
mv roster-embed.js.new roster-embed.js
# And the words it writes itself (a console that cannot run), the catalogs' page.* words: the JSON of
# page-words.js (one line, made by tools/gen_locales.py; read before it is renamed), put in by awk,
# which copies it verbatim.
awk -v words="$pairs.words" 'BEGIN { getline json <words }
  $0 == "  const pageWords = {};" { print "  const pageWords = " json ";"; found = 1; next }
  { print } END { exit found ? 0 : 1 }' roster-embed.js >roster-embed.js.new ||
  { echo "assemble_site.sh: roster-embed.js has no line '  const pageWords = {};' to fill in" >&2; exit 1; }
mv roster-embed.js.new roster-embed.js
hash_name roster-embed.js copy

# The pages: every attribute value that is exactly a plain name becomes its hashed name.
# (Names hold only letters, digits, '-', '.', '/'; the dots are escaped for sed.)
while read -r plain hashed; do
  pattern=$(printf '%s' "$plain" | sed 's/\./\\./g')
  echo "s#=\"$pattern\"#=\"$hashed\"#g" >>"$pairs.sed"
done <"$pairs"
for page in *.html; do
  if [ "$page" = embed-example.html ]; then
    grep -v '^s#="roster-embed\\.js"' "$pairs.sed" >"$pairs.page.sed"
  else
    cp "$pairs.sed" "$pairs.page.sed"
  fi
  sed -f "$pairs.page.sed" "$page" >"$page.new"
  mv "$page.new" "$page"
  rm -f "$pairs.page.sed"
done
exit 0
