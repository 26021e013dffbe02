#!/usr/bin/env bash
# A bounded load and fault run against roster-server over DB (a seeded database): 30 s of the
# console's mixed reads over 64 keep-alive connections (wrk, 2 threads) on a server just started
# (users and devices were read into memory before it listened), then 30 s more of the same
# with 256 slow sockets held open from another loopback address (bench/slow_sockets), then 30 s of
# both with 4 more connections editing users as fast as they can (each edit moves one user, and the
# user's devices, in the orders whose key changed). Prints, per row, requests per second, p50, p99 and max latency and errors (non-2xx
# answers, socket errors, timeouts). The server runs with the rate limit raised, so that 429s do not
# stand in for speed.
# Also prints the time from start to listening (the in-memory user and device indexes are loaded
# before) and the resident memory then and after the run.
# 127.0.0.1 only; every loop is bounded in count and time. Usage: bench/load_faults.sh DB SEED_JSON
# (ROSTER_BUILD picks the build tree, build/native by default)
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1 seed_json=$2
build=${ROSTER_BUILD:-build/native}
seconds=${ROSTER_LOAD_SECONDS:-30}
work=$(mktemp -d /tmp/roster-load-XXXXXX)
trap 'kill "${server_pid:-0}" "${slow_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

started=$(date +%s%N)
"$build/roster-server" serve --db "$db" --listen 127.0.0.1:0 --rate-limit 100000000 > "$work/server.out" &
server_pid=$!
for _ in $(seq 600); do grep -q listening "$work/server.out" && break; sleep 0.02; done
echo "server start to listening: $(( ($(date +%s%N) - started) / 1000000 )) ms, resident memory then:" \
  "$(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/server.out" | head -1)
id=$(jq -r .oauthClient.clientId "$seed_json")
secret=$(jq -r .oauthClient.clientSecret "$seed_json")
token=$(curl -s -X POST "http://127.0.0.1:$port/oauth2/token?grant_type=client_credentials&client_id=$id&client_secret=$secret" | jq -r .access_token)
users=$(jq -r .users "$seed_json")

run_wrk() {  # $1: label
  ROSTER_TOKEN=$token ROSTER_USERS=$users wrk -t2 -c64 -d"${seconds}s" --timeout 5s --latency \
    -s bench/mixed_reads.lua "http://127.0.0.1:$port" > "$work/wrk.out" 2>&1 || true
  local rps p50 p99 max non2xx sockerr
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  max=$(awk '$1 == "Latency" {print $4; exit}' "$work/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out")
  sockerr=$(awk -F'Socket errors: ' '/Socket errors/ {print $2}' "$work/wrk.out")
  printf '| %-36s | %9s | %8s | %8s | %8s | %-7s | %-36s |\n' "$1" "$rps" "$p50" "$p99" "$max" "${non2xx:-0}" \
    "${sockerr:-none}"
}

echo "== load and faults (roster-server on 127.0.0.1:$port, $users users, wrk -t2 -c64, ${seconds} s a row)"
printf '| %-36s | %9s | %8s | %8s | %8s | %-7s | %-36s |\n' "run (reads)" "req/s" "p50" "p99" "max" "non-2xx" \
  "socket errors"
run_wrk "mixed reads, 64 conn. (cold start)"
"$build/slow_sockets" --port "$port" --sockets 256 --seconds "$((2 * seconds + 4))" > "$work/slow.out" &
slow_pid=$!
sleep 1
run_wrk "the same + 256 slow sockets"
ROSTER_TOKEN=$token wrk -t1 -c4 -d"$((seconds + 1))s" --timeout 5s -s bench/edits.lua "http://127.0.0.1:$port" \
  > "$work/edits.out" 2>&1 &
edits_pid=$!
run_wrk "+ slow sockets + 4 writers (edits)"
wait "$edits_pid" || true
echo "writers: $(awk '/Requests\/sec/ {print $2}' "$work/edits.out") edits/s, $(awk '/requests in/ {print $1}' "$work/edits.out") in all," \
  "non-2xx: $(awk '/Non-2xx/ {n = $NF} END {print n + 0}' "$work/edits.out")"
wait "$slow_pid" || true
cat "$work/slow.out"
echo "server resident memory after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
