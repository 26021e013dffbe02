#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 20) from its seed inputs in tests/fuzz/corpus/<target>/.
# New inputs go to a temporary directory, so the committed seeds stay as they are. A finding stops
# the target, leaves its crash-* input in artifacts/fuzz/ and fails this script. The mutations follow
# a fixed seed (ROSTER_FUZZ_SEED, default 1) so that CI replays the same search; longer runs with
# other seeds explore further. Each target's line says how many runs it made (and the request targets'
# how many sign-ins reached the password check); a target that made no run fails; the last
# line, "fuzz targets: N ran, M failed", is what scripts/count_cases.sh reads.
# Usage: tests/fuzz/run.sh [SECONDS]   (after: CXX=clang++ cmake -DROSTER_FUZZ=ON -B build/fuzz; ninja)
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
seed=${ROSTER_FUZZ_SEED:-1}
mkdir -p artifacts/fuzz
status=0 ran=0 failed=0
for target in fuzz_api_responses fuzz_routes fuzz_server_requests fuzz_http_parser fuzz_proxy_requests fuzz_software_raster; do
  work=$(mktemp -d /tmp/roster-fuzz-corpus-XXXXXX)
  if build/fuzz/$target -seed="$seed" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 \
       -artifact_prefix=artifacts/fuzz/"$target"- "$work" tests/fuzz/corpus/$target > "$work.log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$work.log" | tail -1 | grep -o '[0-9]*')
    if [ "${runs:-0}" -gt 0 ]; then
      echo "$target: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$work.log"), no finding"
      grep -o "^$target: sign-ins: .*" "$work.log"
      ran=$((ran + 1))
    else
      echo "$target: FAILED: it made no run:"
      grep -v '^roster-server listening' "$work.log" | tail -20
      failed=$((failed + 1))
      status=1
    fi
  else
    echo "$target: FINDING (input in artifacts/fuzz/):"
    grep -v '^roster-server listening' "$work.log" | tail -40
    ran=$((ran + 1))
    failed=$((failed + 1))
    status=1
  fi
  rm -rf "$work" "$work.log"
done
echo "fuzz targets: $ran ran, $failed failed"
exit $status
