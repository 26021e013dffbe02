#!/usr/bin/env bash
# Dependencies point one way. Fails, naming the file and line, when a source includes a layer above
# its own (ARCHITECTURE.md, "Layers and wings"):
#   console:  platform -> ui -> store -> api -> model
#   server:   main.cpp -> commands -> app | proxy -> host -> session -> db -> index | sqlite | pgsql -> base -> model
#             and the HTTP engine (http/) under app, proxy, host and session, knowing nothing of them.
# A file may include its own layer or wing, and any listed below it.
set -euo pipefail
cd "$(dirname "$0")/.."

# What each layer or wing may include besides itself (folders under src/).
declare -A may=(
  [model]=""
  [api]="model"
  [store]="api model"
  [ui]="store api model"
  [platform]="ui store api model"
  [server/base]="model"
  [server/http]="server/base model"
  [server/sqlite]="server/base model"
  [server/pgsql]="server/base model"
  [server/index]="server/base model"
  [server/db]="server/index server/sqlite server/pgsql server/base model"
  [server/session]="server/db server/index server/sqlite server/http server/base model"
  [server/host]="server/session server/db server/sqlite server/http server/base model"
  [server/app]="server/host server/session server/db server/index server/sqlite server/http server/base model"
  [server/proxy]="server/host server/session server/db server/sqlite server/pgsql server/http server/base model"
  [server/commands]="server/app server/proxy server/host server/session server/db server/index server/sqlite server/pgsql server/http server/base model"
  [server/main.cpp]="server/commands model"
)

# Sets `layer`: src/server/db/x.cpp -> server/db; src/ui/x.cpp -> ui; src/server/main.cpp -> server/main.cpp.
# (Plain string operations: a process per include would take seconds.)
layer_of() {
  local rel=${1#src/}
  case "$rel" in
    server/*/*) rel=${rel#server/}; layer="server/${rel%%/*}" ;;
    server/*) layer=$rel ;;
    *) layer=${rel%%/*} ;;
  esac
}

broken=0 checked=0
while IFS= read -r file; do
  layer_of "$file"
  from=$layer
  if [ -z "${may[$from]+x}" ]; then
    echo "check_layers: $file is in '$from', which is not a known layer or wing (add it to scripts/check_layers.sh)"
    broken=$((broken + 1))
    continue
  fi
  line=0
  while IFS= read -r text; do
    line=$((line + 1))
    [[ $text =~ ^#include\ \"([a-z_]+/[^\"]+)\" ]] || continue
    target=${BASH_REMATCH[1]}
    layer_of "src/$target"
    to=$layer
    [ "$to" = "$from" ] && continue
    if [[ " ${may[$from]} " != *" $to "* ]]; then
      echo "check_layers: $file:$line includes $target: '$from' may not include '$to'"
      broken=$((broken + 1))
    fi
  done <"$file"
  checked=$((checked + 1))
done < <(find src -name '*.cpp' -o -name '*.h' | sort)

if [ "$checked" -eq 0 ]; then echo "check_layers: no sources found"; exit 1; fi
if [ "$broken" -gt 0 ]; then echo "check_layers: $broken include(s) against the layers in $checked files"; exit 1; fi
echo "check_layers: $checked files, every include points down"
