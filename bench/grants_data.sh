#!/usr/bin/env bash
# Benchmarks for the open grants data (360Giving) at national scale, run by
# hand (not in CI). Writes N made-up grants as CSV, then, side by side in
# one run:
#   1. sqlite3's own `.import` of the same CSV into a plain table (the
#      reference: SQLite reading the file and storing every column, with no
#      indexes, no word index and no figures);
#   2. `alongside grants-data import` of it, with peak memory;
#   3. `alongside nearby` for the demo group, ten runs of the whole process;
#   4. the index's size on disk.
#
#   bench/grants_data.sh [N]          (default 1000000)
#
# Needs: cargo, sqlite3, GNU time (/usr/bin/time). Results go in
# docs/performance.md.
set -euo pipefail
N=${1:-1000000}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin alongside --example grants_data_gen
BIN=target/release/alongside
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/grants.csv"

echo "== generating $N grants"
target/release/examples/grants_data_gen --grants "$N" --format csv -o "$CSV"
ls -l "$CSV" | awk '{printf "CSV: %.0f MB\n", $5/1e6}'

# Read the file once so both imports start with it in the page cache.
cat "$CSV" > /dev/null

# Prints: wall seconds, CPU seconds (user + system), peak memory in KB. On a
# shared machine the CPU time is the steadier figure; both are reported.
seconds() {
  /usr/bin/time -f "%e %U %S %M" "$@" 2> "$WORK/time" > /dev/null
  tail -1 "$WORK/time" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== sqlite3 .import into a plain table"
read -r s3_secs s3_cpu s3_kb < <(seconds sqlite3 "$WORK/plain.sqlite" \
  "PRAGMA journal_mode=OFF;" "PRAGMA synchronous=OFF;" ".import --csv $CSV grants")
echo "sqlite3 .import: ${s3_secs} s wall, ${s3_cpu} s CPU, peak ${s3_kb} KB"

echo "== alongside grants-data import"
DATA="$WORK/data"
"$BIN" --data-dir "$DATA" demo > /dev/null
read -r al_secs al_cpu al_kb < <(seconds "$BIN" --data-dir "$DATA" grants-data import "$CSV")
echo "alongside import: ${al_secs} s wall, ${al_cpu} s CPU, peak ${al_kb} KB"
awk -v a="$al_secs" -v b="$s3_secs" -v c="$al_cpu" -v d="$s3_cpu" \
  'BEGIN { printf "ratio to sqlite3 .import: %.2fx wall, %.2fx CPU\n", a / b, c / d }'

echo "== alongside nearby (whole process, 10 runs)"
"$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe > /dev/null # warm the cache
# Whole-process times: wall and CPU, median and slowest.
runs() {
  local name=$1 n=$2
  shift 2
  : > "$WORK/runs"
  for i in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S" "$@" 2>> "$WORK/runs" > /dev/null
  done
  local wall cpu
  wall=$(awk '{ print $1 }' "$WORK/runs" | sort -n | awk '{ t[NR] = $1 } END { printf "median %.3f s (slowest %.3f)", t[int((NR + 1) / 2)], t[NR] }')
  cpu=$(awk '{ print $2 + $3 }' "$WORK/runs" | sort -n | awk '{ t[NR] = $1 } END { printf "median %.3f s (slowest %.3f)", t[int((NR + 1) / 2)], t[NR] }')
  echo "$name: wall $wall; CPU $cpu"
}
runs "nearby" 10 "$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe
runs "nearby --within \"South East\"" 5 "$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe --within "South East"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== sizes"
ls -l "$DATA/grants-data.sqlite" "$WORK/plain.sqlite" | awk '{printf "%s: %.0f MB\n", $9, $5/1e6}' | sed "s|$WORK/||"
