#!/bin/sh
# Runs one test suite, showing its output as it comes, and passes only when the suite passed AND its
# own summary says it ran at least one case: a suite that ran nothing (a filter that matched nothing,
# an empty folder, a runner that stopped before its first case) is a failure, not a pass.
# Usage: scripts/count_cases.sh KIND COMMAND [ARGS...]
#   KIND    what summary to read from the output:
#     doctest  "[doctest] test cases: N | ..."       (native binaries and *_tests_wasm.js under node)
#     node     "# tests N" less "# skipped"/"# todo" (TAP; or "ℹ tests N", spec) (node --test)
#     fuzz     "fuzz targets: N ran, ..."           (tests/fuzz/run.sh)
#     format   "N files formatted as .clang-format says" (scripts/check_format.sh)
#     layers   "check_layers: N files, ..."         (scripts/check_layers.sh)
# Prints a last line "count_cases: KIND: N test cases ran" (or why it failed). POSIX sh and awk.
set -u
if [ $# -lt 2 ]; then
  echo "usage: scripts/count_cases.sh doctest|node|fuzz|format|layers COMMAND [ARGS...]" >&2
  exit 2
fi
kind=$1
shift
case "$kind" in
  doctest) what="test cases" verb=ran ;;
  node) what="tests" verb=ran ;;
  fuzz) what="fuzz targets" verb=ran ;;
  format | layers) what="files" verb=checked ;;
  *)
    echo "count_cases: unknown kind '$kind' (doctest, node, fuzz, format, layers)" >&2
    exit 2
    ;;
esac

log=$(mktemp /tmp/roster-count-cases-XXXXXX)
trap 'rm -f "$log" "$log.status"' EXIT
# The suite's output goes to the terminal as it comes and to the log; its exit status to a file (a
# pipeline's status is its last command's in POSIX sh).
{
  "$@" 2>&1
  echo $? >"$log.status"
} | tee "$log"
status=$(cat "$log.status" 2>/dev/null || echo 1)

# The number this kind of suite reports; empty when the summary is not there. The last summary wins.
case "$kind" in
  doctest) count=$(awk '{ gsub(/\033\[[0-9;]*m/, "") } /\[doctest\] test cases: *[0-9]+/ { sub(/.*test cases: */, ""); n = $0 + 0 } END { if (n != "") print n }' "$log") ;;
  # node counts the tests a name pattern skipped among its tests: those did not run.
  node) count=$(awk '/^(# |ℹ )tests [0-9]+$/ { n = $NF + 0 } /^(# |ℹ )(skipped|todo) [0-9]+$/ { s += $NF }
                     END { if (n != "") print n - s }' "$log") ;;
  fuzz) count=$(awk '/^fuzz targets: [0-9]+ ran/ { n = $3 + 0 } END { if (n != "") print n }' "$log") ;;
  format) count=$(awk '/^[0-9]+ files formatted as/ { n = $1 + 0 } END { if (n != "") print n }' "$log") ;;
  layers) count=$(awk '/^check_layers: [0-9]+ files/ { n = $2 + 0 } END { if (n != "") print n }' "$log") ;;
esac

if [ -z "$count" ]; then
  echo "count_cases: $kind: FAILED: its summary does not say how many $what it $verb (exit status $status)"
  exit 1
fi
if [ "$count" -eq 0 ]; then
  echo "count_cases: $kind: FAILED: 0 $what $verb (exit status $status)"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "count_cases: $kind: FAILED: exit status $status ($count $what $verb)"
  exit 1
fi
echo "count_cases: $kind: $count $what $verb"
