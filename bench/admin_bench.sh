#!/usr/bin/env bash
# The administration figures of issue 18 at each size given (default 100,000 and 1,000,000 users):
# seeds a database of that many users in 40 organizations (seed 1, timed), starts roster-server on
# it (rate limit raised, so that 429s do not stand in for speed), and runs bench/admin_bench.cpp:
# bulk setRole and addTags over query selections with the latency of searches made meanwhile, then
# the users CSV of the whole tree with its wall time and the server's RSS. Prints the machine's load
# average before each size. Figures only; nothing passes or fails.
# Usage: bench/admin_bench.sh [USERS ...]      (ROSTER_BUILD picks the build tree, build/native by default)
#        bench/admin_bench.sh --db FILE        (a database already seeded; the bench changes it)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ROSTER_BUILD:-build/native}
ninja -C "$build" roster-server admin_bench > /dev/null
work=$(mktemp -d /tmp/roster-admin-bench-XXXXXX)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

run_on() {  # $1: database, $2: label
  "$build/roster-server" serve --db "$1" --listen 127.0.0.1:0 --rate-limit 100000000 > "$work/server.out" \
    2> "$work/server.err" &
  server_pid=$!
  for _ in $(seq 1500); do grep -q listening "$work/server.out" && break; sleep 0.02; done  # indexes load first
  local port
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/server.out" | head -1)
  echo "== $2: roster-server on 127.0.0.1:$port (pid $server_pid), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$work/server.err"
  "$build/admin_bench" --port "$port" --server-pid "$server_pid" --label "$2"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$server_pid"
  wait "$server_pid" 2> /dev/null || true
  server_pid=0
}

if [[ ${1:-} == --db ]]; then
  run_on "$2" "$(basename "$2")"
  exit 0
fi
for users in "${@:-100000 1000000}"; do
  for n in $users; do
    echo "== seeding $n users in 40 organizations, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s%N)
    "$build/roster-server" seed --db "$work/admin.db" --users "$n" --orgs 40 --seed 1 --force > /dev/null
    echo "seed: $(( ($(date +%s%N) - start) / 1000000 )) ms"
    run_on "$work/admin.db" "$n users"
    rm -f "$work"/admin.db*
  done
done
