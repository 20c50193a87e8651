#!/usr/bin/env bash
# Cold start: from process start to the first 200 from /healthz, on a database that is already migrated.
#
#   bash bench/coldstart.sh
#
# For SQLite and PostgreSQL: one start migrates the database and is not counted; then BENCH_RUNS starts, each a
# new process, timed from its launch to the first 200 of /healthz (polled every 20 ms). Prints every run and the
# median, and the CPU time the process had used by then (user + system: what a busy machine does not inflate).
# Knobs (env): BENCH_RUNS=5 and those of bench/lib.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${BENCH_RUNS:-5}"
publish_app
start_pg
postgres_conn="$(pg_database portal)"
sqlite_conn="Data Source=$WORK/portal.db"

time_start() { # time_start PROVIDER CONNECTION: sets ELAPSED and CPU, the wall and CPU milliseconds to healthy
  local start end
  start="$(date +%s%N)"
  start_app cold "$1" "$2"
  wait_healthy "$BASE" "$APP_PID"
  end="$(date +%s%N)"
  CPU="$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$APP_PID/stat")"
  stop_pid "$APP_PID"
  ELAPSED=$(((end - start) / 1000000))
}

echo
echo "== cold start to a healthy /healthz, migrated database ($(nproc) cores; published Release) =="
for provider in Sqlite Postgres; do
  conn_var="${provider,,}_conn"
  time_start "$provider" "${!conn_var}" # migrates
  runs=() cpus=()
  for _ in $(seq 1 "$RUNS"); do time_start "$provider" "${!conn_var}"; runs+=("$ELAPSED"); cpus+=("$CPU"); done
  printf '%-9s median %5s ms (CPU %5s ms)   runs: %s   CPU: %s\n' "$provider" "$(printf '%s\n' "${runs[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" "${runs[*]}" "${cpus[*]}"
done
