#!/usr/bin/env bash
# Benchmarks for the open grants data (360Giving) at national scale, run by
# hand (not in CI). Writes N made-up grants as CSV, then, side by side in
# one run, ROUNDS times each, taking turns so both see the same load:
#   1. sqlite3's own `.import` of the same CSV into a plain table (the
#      reference: SQLite reading the file and storing every column, with no
#      indexes, no word index and no figures);
#   2. `alongside grants-data import` of it into an empty data folder, with
#      peak memory;
# then `alongside nearby` for the demo group, as whole processes, and the
# index's size on disk.
#
#   bench/grants_data.sh [N] [ROUNDS]     (default 1000000 3)
#
# Writing a million grants takes a while: with GRANTS_CSV=FILE the CSV is
# written there once and reused by later runs (delete it to write a new
# one; it must hold N grants).
#
# Needs: cargo, sqlite3, GNU time (/usr/bin/time). Results go in
# docs/performance.md.
set -euo pipefail
N=${1:-1000000}
ROUNDS=${2:-3}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin alongside --example grants_data_gen
BIN=$PWD/target/release/alongside
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CSV=${GRANTS_CSV:-$WORK/grants.csv}

if [ -s "$CSV" ]; then
  echo "== reusing $CSV"
else
  echo "== generating $N grants"
  target/release/examples/grants_data_gen --grants "$N" --format csv -o "$CSV"
fi
ls -l "$CSV" | awk '{printf "CSV: %.0f MB\n", $5/1e6}'

# Read the file once so both imports start with it in the page cache.
cat "$CSV" > /dev/null

# Runs a command under GNU time, appending "wall cpu peak_kb" to a file.
timed() {
  local into=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > /dev/null
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time" >> "$into"
}

# "median (min-max)" of column $2 of file $1.
spread() {
  awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
    { t[NR] = $1 }
    END {
      m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%.3f (%.3f-%.3f)", m, t[1], t[NR]
    }'
}
median() { spread "$1" "$2" | cut -d' ' -f1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/sqlite3" ; : > "$WORK/alongside"
for round in $(seq "$ROUNDS"); do
  rm -f "$WORK/plain.sqlite"
  timed "$WORK/sqlite3" sqlite3 "$WORK/plain.sqlite" \
    "PRAGMA journal_mode=OFF;" "PRAGMA synchronous=OFF;" ".import --csv $CSV grants"
  rm -rf "$WORK/data"
  "$BIN" --data-dir "$WORK/data" demo > /dev/null
  timed "$WORK/alongside" "$BIN" --data-dir "$WORK/data" grants-data import "$CSV"
  echo "round $round: sqlite3 $(tail -1 "$WORK/sqlite3" | cut -d' ' -f1) s, alongside $(tail -1 "$WORK/alongside" | cut -d' ' -f1) s wall"
done
echo "== import of $N grants, $ROUNDS rounds: median (min-max)"
for who in sqlite3 alongside; do
  echo "$who: wall $(spread "$WORK/$who" 1) s; CPU $(spread "$WORK/$who" 2) s; peak $(spread "$WORK/$who" 3) KB"
done
paste -d' ' "$WORK/alongside" "$WORK/sqlite3" | awk '{ printf "%.2f %.2f\n", $1 / $4, $2 / $5 }' > "$WORK/ratios"
echo "ratio alongside/sqlite3 per round: wall $(spread "$WORK/ratios" 1); CPU $(spread "$WORK/ratios" 2)"
awk -v a="$(median "$WORK/alongside" 1)" -v b="$(median "$WORK/sqlite3" 1)" \
  -v c="$(median "$WORK/alongside" 2)" -v d="$(median "$WORK/sqlite3" 2)" \
  'BEGIN { printf "ratio of medians: %.2fx wall, %.2fx CPU\n", a / b, c / d }'

DATA="$WORK/data"
"$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe > /dev/null # warm the cache
runs() {
  local name=$1 n=$2
  shift 2
  : > "$WORK/runs"
  for _ in $(seq "$n"); do
    timed "$WORK/runs" "$@"
  done
  echo "$name ($n runs): wall $(spread "$WORK/runs" 1) s; CPU $(spread "$WORK/runs" 2) s; peak $(spread "$WORK/runs" 3) KB"
}
echo "== whole processes over $N grants: median (min-max)"
runs "alongside nearby" 20 "$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe
runs "alongside nearby --within \"South East\"" 10 "$BIN" --data-dir "$DATA" nearby riverside-aphasia-cafe --within "South East"
# What any command costs to start (reading the built-in funders, the group).
runs "alongside match (no grants data read)" 10 "$BIN" --data-dir "$DATA" match riverside-aphasia-cafe
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== sizes"
ls -l "$DATA/grants-data.sqlite" "$WORK/plain.sqlite" | awk '{printf "%s: %.0f MB\n", $9, $5/1e6}' | sed "s|$WORK/||"
