#!/usr/bin/env sh
# Writes .gz copies of the site's text, wasm and baked font atlas files next to them (roster-server
# sends those when the browser accepts gzip). -n keeps the output byte-identical between builds.
set -eu
cd "$1"
for f in *.js *.wasm *.html *.css fonts/*.bin; do
  [ -f "$f" ] && gzip -9 -k -f -n "$f"
done
exit 0
