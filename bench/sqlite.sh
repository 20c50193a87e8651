#!/usr/bin/env bash
# api_stk on the embedded default (SQLite) under many connections, beside PostgreSQL in the same run:
#
#   bash bench/sqlite.sh
#
# One instance on an SQLite file and one on a throwaway PostgreSQL, each its own merchant. wrk drives api_stk on
# SQLite, then on PostgreSQL (BENCH_ROUNDS rounds each, alternating). Prints requests/s, p50, p99, every non-200
# answer, the app's "database is locked" lines, and whether every 200 was recorded as a row.
# Knobs (env): BENCH_ROUNDS=2 BENCH_DURATION=15s BENCH_CONNECTIONS=32 BENCH_WARMUP=5s BENCH_WITH_PG=1
#   BENCH_COMPARE_DIR=<another published build: a second SQLite instance, "other", for a before/after in one run>
#   and those of bench/lib.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v sqlite3 >/dev/null || { echo "error: sqlite3 is not installed" >&2; exit 1; }

ROUNDS="${BENCH_ROUNDS:-2}"
DURATION="${BENCH_DURATION:-15s}"
CONNS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5s}"
WITH_PG="${BENCH_WITH_PG:-1}"

publish_app
names=(sqlite)
start_app sqlite Sqlite "Data Source=$WORK/portal.db" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning
sqlite_base="$BASE"; wait_healthy "$BASE" "$APP_PID"
if [[ -n "${BENCH_COMPARE_DIR:-}" ]]; then
  this_dir="$APP_DIR"; APP_DIR="$BENCH_COMPARE_DIR"
  start_app other Sqlite "Data Source=$WORK/other.db" --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning
  other_base="$BASE"; wait_healthy "$BASE" "$APP_PID"
  APP_DIR="$this_dir"
  names+=(other)
fi
if ((WITH_PG)); then
  start_pg
  start_app postgres Postgres "$(pg_database portal)" --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning
  postgres_base="$BASE"; wait_healthy "$BASE" "$APP_PID"
  names+=(postgres)
fi
for name in "${names[@]}"; do
  base_var="${name}_base"
  printf -v "${name}_key" '%s' "$(make_key "${!base_var}")"
  key_var="${name}_key"
  run_wrk "warm-$name" "${!base_var}" "${!key_var}" "$WARMUP" "$CONNS"
done
sleep 2

for r in $(seq 1 "$ROUNDS"); do
  for name in "${names[@]}"; do
    base_var="${name}_base" key_var="${name}_key"
    run_wrk "$name-$r" "${!base_var}" "${!key_var}" "$DURATION" "$CONNS"
    log "round $r $name: $(wrk_rps "$name-$r") requests/s, p99 $(wrk_p "$name-$r" 99), non-200: $(wrk_non200 "$name-$r")timeouts: $(wrk_timeouts "$name-$r")"
    sleep 2
  done
done
sleep 3 # the last callbacks land

ok_answers() { # 200s wrk counted over every run of NAME, warm-up included
  local total=0 f n bad
  for f in "$WORK/wrk-warm-$1.txt" "$WORK/wrk-$1"-[0-9]*.txt; do
    n="$(awk '/requests in/ {print $1}' "$f")"
    bad="$(grep '^BENCH non200 status' "$f" | sed 's/.*count=//' | paste -sd+ | bc 2>/dev/null || echo 0)"
    total=$((total + n - ${bad:-0}))
  done
  echo "$total"
}
echo
echo "== api_stk, SQLite beside PostgreSQL ($(nproc) cores, everything on one machine; -c$CONNS, $ROUNDS rounds of $DURATION, logging at Warning) =="
printf '%-9s %12s %18s %18s  %s\n' database "requests/s" "p50 (each round)" "p99 (each round)" "non-200 answers, timeouts"
for name in "${names[@]}"; do
  rps="$(for r in $(seq 1 "$ROUNDS"); do wrk_rps "$name-$r"; done | median)"
  p50="$(for r in $(seq 1 "$ROUNDS"); do wrk_p "$name-$r" 50; done | tr '\n' ' ')"
  p99="$(for r in $(seq 1 "$ROUNDS"); do wrk_p "$name-$r" 99; done | tr '\n' ' ')"
  non200="$(for r in $(seq 1 "$ROUNDS"); do wrk_non200 "$name-$r"; done | tr -s ' ')"
  timeouts="$(for r in $(seq 1 "$ROUNDS"); do wrk_timeouts "$name-$r"; done | paste -sd+ | bc)"
  printf '%-9s %12s %18s %18s  %s\n' "$name" "$rps" "$p50" "$p99" "${non200:-none}, $timeouts timeouts"
done
echo "\"database is locked\" lines in the SQLite instance's log: $(grep -c 'database is locked' "$WORK/sqlite.log" || true)"
echo "errors in the SQLite instance's log: $(grep -c '^fail:' "$WORK/sqlite.log" || true)"
rows="$(sqlite3 "$WORK/portal.db" "PRAGMA busy_timeout=5000; SELECT count(*) FROM Transactions;" | tail -n1)"
echo "SQLite: api_stk answered 200 $(ok_answers sqlite) times; rows recorded: $rows"
[[ -n "${BENCH_COMPARE_DIR:-}" ]] && echo "other (SQLite): \"database is locked\" lines $(grep -c 'database is locked' "$WORK/other.log" || true), errors $(grep -c '^fail:' "$WORK/other.log" || true), 200s $(ok_answers other), rows $(sqlite3 "$WORK/other.db" "PRAGMA busy_timeout=5000; SELECT count(*) FROM Transactions;" | tail -n1)"
echo "SQLite transactions by status: $(sqlite3 "$WORK/portal.db" "PRAGMA busy_timeout=5000; SELECT Status || '=' || count(*) FROM Transactions GROUP BY Status;" | tail -n +2 | tr '\n' ' ')"
