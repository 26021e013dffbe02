#!/usr/bin/env bash
# Seeds a 1,000,000-user database (timed), starts roster-server on it, prints the latency of search and
# list calls, then the console's figures in headless Chromium against the same server. Figures only;
# nothing here passes or fails. Usage: bench/server_bench.sh [USERS] (after a build: ./roster bench)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
build=build/native
ninja -C "$build" roster-server api_latency_bench slow_sockets admin_bench software_raster_bench >/dev/null
site=build/web/site
work=$(mktemp -d /tmp/roster-bench-XXXXXX)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== seeding $users users (roster-server seed, wall clock)"
start=$(date +%s.%N)
"$build/roster-server" seed --db "$work/bench.db" --users "$users" --orgs 200 --seed 1 --json > "$work/seed.json"
end=$(date +%s.%N)
printf 'seed: %.1f s wall, database %s\n' "$(echo "$end - $start" | bc)" "$(du -h "$work/bench.db" | cut -f1)"
jq -c '{users, orgs, devices, actions, seconds}' "$work/seed.json"

"$build/roster-server" serve --db "$work/bench.db" --listen 127.0.0.1:0 --web "$site" > "$work/server.out" &
server_pid=$!
for _ in $(seq 300); do grep -q listening "$work/server.out" && break; sleep 0.1; done  # the indexes load first
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/server.out" | head -1)
echo "== latency (one client, keep-alive, 127.0.0.1:$port)"
"$build/api_latency_bench" --port "$port" --client-id "$(jq -r .oauthClient.clientId "$work/seed.json")" \
  --client-secret "$(jq -r .oauthClient.clientSecret "$work/seed.json")" --requests 400 --server-pid "$server_pid"

# A second server on the same database, with the rate limit raised (the first one stays idle); its
# writers change nicknames only, which nothing the console bench measures depends on.
bench/load_faults.sh "$work/bench.db" "$work/seed.json"

echo "== console (headless Chromium, the same server and database)"
# The first busy user (heavy actions log) of the seed, for the actions log's scrolling figure.
busy=$(jq -r '(.busyUsers // [])[0] // empty' "$work/seed.json")
node bench/console_bench.mjs "http://127.0.0.1:$port" "$site" $busy
node bench/kiosk_soak.mjs "$build/roster-server" "$site"  # the kiosk: a day of refreshes, a changed row, a rotation step

echo "== renderers (WebGL and the software renderer side by side, then a Chromium without WebGL)"
node bench/renderer_bench.mjs "$build/roster-server" "$site"
node bench/renderer_bench.mjs "$build/roster-server" "$site" --no-gpu

echo "== software raster (drawing without WebGL: the users list, native, render() only)"
"$build/software_raster_bench"

# Last, since it changes the database: bulk changes and the users CSV with concurrent searches and the
# server's RSS (a server of its own on the same file).
echo "== administration (bulk changes, CSV export)"
bench/admin_bench.sh --db "$work/bench.db"
