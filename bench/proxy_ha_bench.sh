#!/usr/bin/env bash
# The proxy scaled out (README, "Several proxies behind a load balancer"), measured: requests a second
# and p99 through HAProxy with one, two and three `roster-server proxy` instances on one PostgreSQL
# store (wrk, 32 keep-alive connections, SECONDS each), the upstream a local --public-api-only
# roster-server over plain HTTP so that the figure is the proxies' own; the delay between ending a
# session on one instance and the last other instance refusing it (build/native/proxy_ha_probe);
# and the store's statements per request, by kind (pg_stat_statements). Prints figures; never fails
# on a figure. Everything runs in a temporary folder and is stopped at the end; PostgreSQL runs as
# the postgres user when this runs as root.
# Usage: bench/proxy_ha_bench.sh [SECONDS (8)]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
server=build/native/roster-server
probe=build/native/proxy_ha_probe
bin=/usr/lib/postgresql/15/bin
for f in "$server" "$probe"; do [ -x "$f" ] || { echo "proxy_ha_bench: build $f first" >&2; exit 1; }; done

tmp=$(mktemp -d /tmp/roster-ha-bench-XXXXXX)
chmod 711 "$tmp"  # the postgres user goes through it to its own folder
pids=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -d "$tmp/pg/data" ] && as_pg "$bin/pg_ctl" -D "$tmp/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Starts roster-server in the background ($1: its log); sets `started_port` to the port it listens on.
# (Not in a $(...) subshell: its pid must reach `pids`, or cleanup would leave it running.)
start_server() {
  local log=$1; shift
  "$server" "$@" >"$log.out" 2>"$log" &
  pids+=($!)
  for _ in $(seq 200); do
    if grep -q "listening on" "$log.out" 2>/dev/null; then
      started_port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$log.out")
      return
    fi
    sleep 0.05
  done
  echo "proxy_ha_bench: $* did not start: $(cat "$log")" >&2; exit 1
}

# The upstream: 20,000 users, public API only, plain HTTP on 127.0.0.1.
seed_json=$("$server" seed --db "$tmp/upstream.db" --users 20000 --orgs 20 --seed 5 --json --force)
client_id=$(jq -r .oauthClient.clientId <<<"$seed_json")
jq -r .oauthClient.clientSecret <<<"$seed_json" >"$tmp/client.secret"
chmod 600 "$tmp/client.secret"
start_server "$tmp/upstream.log" serve --db "$tmp/upstream.db" --listen 127.0.0.1:0 --public-api-only \
  --rate-limit 100000000 --threads 4
up_port=$started_port

# PostgreSQL of its own, with pg_stat_statements to count the store's statements.
mkdir -p "$tmp/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$tmp/pg"
chmod 700 "$tmp/pg"
head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9' >"$tmp/pg/su.pw"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$tmp/pg/su.pw"
as_pg "$bin/initdb" -D "$tmp/pg/data" -U postgres -E UTF8 --no-sync --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$tmp/pg/su.pw" >/dev/null
pg_port=$(free_port)
as_pg "$bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/server.log" -w -t 30 -o "-c listen_addresses=127.0.0.1 \
  -c port=$pg_port -c unix_socket_directories=$tmp/pg -c shared_preload_libraries=pg_stat_statements \
  -c max_connections=200" start >/dev/null
psql_su() { as_pg "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$tmp/pg" -p "$pg_port" -U postgres "$@"; }
pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
psql_su -d postgres -c "CREATE ROLE roster LOGIN PASSWORD '$pg_password'"
psql_su -d postgres -c "CREATE DATABASE roster OWNER roster"
psql_su -d roster -c "CREATE EXTENSION pg_stat_statements"
printf '%s\n' "$pg_password" >"$tmp/store.pw"
chmod 600 "$tmp/store.pw"
store=(--store "postgres://roster@127.0.0.1:$pg_port/roster" --store-password-file "$tmp/store.pw")
printf 'operator-pass-1\n' >"$tmp/op.pw"
chmod 600 "$tmp/op.pw"
"$server" operator add "${store[@]}" --email bench@ops.test --role admin --password-file "$tmp/op.pw" >/dev/null

ports=()
for i in 1 2 3; do
  p=$(free_port)
  start_server "$tmp/proxy$i.log" proxy --upstream "http://127.0.0.1:$up_port" --client-id "$client_id" \
    --client-secret-file "$tmp/client.secret" "${store[@]}" --listen "127.0.0.1:$p" --upstream-rate 10000 \
    --trusted-proxy 127.0.0.1 --threads 8
  ports+=("$p")
done

# HAProxy over the first $1 instances (the test suite's configuration); waits until all are UP.
hap_pid=""
start_haproxy() {
  local n=$1 cfg="$tmp/haproxy.cfg"
  hap_port=$(free_port)
  stats_port=$(free_port)
  {
    printf 'global\n  maxconn 4000\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n'
    printf '  timeout server 30s\n  timeout check 1s\n  retries 3\n  option redispatch 1\n'
    printf '  retry-on conn-failure empty-response\n  option forwardfor\n'
    printf 'frontend roster\n  bind 127.0.0.1:%s\n  default_backend proxies\n' "$hap_port"
    printf 'backend proxies\n  balance roundrobin\n  http-request disable-l7-retry if !METH_GET\n'
    printf '  option httpchk GET /readyz\n  http-check expect status 200\n'
    printf '  default-server inter 300ms fall 2 rise 2 maxconn 200\n'
    for i in $(seq "$n"); do printf '  server p%s 127.0.0.1:%s check\n' "$i" "${ports[$((i - 1))]}"; done
    printf 'listen stats\n  bind 127.0.0.1:%s\n  stats enable\n  stats uri /stats\n' "$stats_port"
  } >"$cfg"
  haproxy -db -f "$cfg" >"$tmp/haproxy.log" 2>&1 &
  hap_pid=$!
  pids+=("$hap_pid")
  for _ in $(seq 200); do
    up=$({ curl -s "http://127.0.0.1:$stats_port/stats;csv" || true; } |
      awk -F, '$1 == "proxies" && $2 ~ /^p/ && $18 ~ /^UP/' | wc -l)
    [ "$up" = "$n" ] && return
    sleep 0.1
  done
  echo "proxy_ha_bench: HAProxy never saw $n instances ready" >&2; exit 1
}
stop_haproxy() { kill "$hap_pid"; wait "$hap_pid" 2>/dev/null || true; }
sign_in() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"bench@ops.test","password":"operator-pass-1"}' "http://127.0.0.1:$1/api/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(roster_session=[0-9a-f]*\).*/\1/p'
}

echo "== proxy_ha_bench: $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), wrk ${seconds} s each"
echo "-- \"Get user info\" for 200 users in turn through HAProxy (each instance caches them), 32 connections"
for n in 1 2 3; do
  start_haproxy "$n"
  export ROSTER_COOKIE
  ROSTER_COOKIE=$(sign_in "$hap_port")
  wrk -t2 -c32 -d2s -s bench/proxy_ha_reads.lua "http://127.0.0.1:$hap_port" >/dev/null  # warm the caches
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency -s bench/proxy_ha_reads.lua "http://127.0.0.1:$hap_port")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')
  printf '%d instance(s): %s requests/s, p50 %s, p99 %s %s\n' "$n" "$rps" "$p50" "$p99" "${errors:+($errors)}"
  [ "$n" = 3 ] || stop_haproxy
done

echo "-- the store's statements per request (pg_stat_statements; HAProxy's /readyz pings left out)"
count_statements() {  # prints the statements run since the reset, but the health checks' and connections'
  psql_su -d roster -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM \
    pg_database WHERE datname = 'roster') AND query NOT LIKE 'SELECT \$1 FROM proxy_state%' AND query NOT LIKE \
    '%set_config%' AND query NOT LIKE '%pg_stat_statements%'"
}
cookie=$(sign_in "$hap_port")
measure() {  # $1 what, $2 requests, then the curl arguments for one request (the path last)
  local what=$1 n=$2; shift 2
  psql_su -d roster -c "SELECT pg_stat_statements_reset()" >/dev/null
  for _ in $(seq "$n"); do curl -s -o /dev/null "$@"; done
  local s
  s=$(count_statements)
  printf '%s: %s statements for %s requests (%s a request)\n' "$what" "$s" "$n" "$(echo "scale=2; $s / $n" | bc)"
}
measure "cached read (Get user info)" 300 -H "Cookie: $cookie" "http://127.0.0.1:$hap_port/api/v1/organization/user?userId=7"
measure "forwarded read (users page)" 300 -H "Cookie: $cookie" \
  "http://127.0.0.1:$hap_port/api/v1/organization/users?page=3&size=20"
measure "GET /api/session" 300 -H "Cookie: $cookie" "http://127.0.0.1:$hap_port/api/session"
measure "sign-in" 50 -H 'Content-Type: application/json' -d '{"email":"bench@ops.test","password":"operator-pass-1"}' \
  "http://127.0.0.1:$hap_port/api/session"
measure "wrong password" 4 -H 'Content-Type: application/json' -d '{"email":"bench@ops.test","password":"nope"}' \
  "http://127.0.0.1:$hap_port/api/session"

echo "-- ending a session on one instance, the other two asked at once"
"$probe" "$hap_port" bench@ops.test operator-pass-1 "${ports[@]}" --rounds 200
