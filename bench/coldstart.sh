#!/usr/bin/env bash
# Cold start: from process start to the first 200 from /healthz, on a database that is already migrated.
#
#   bash bench/coldstart.sh
#
# For SQLite and PostgreSQL: one start migrates the database and is not counted; then BENCH_RUNS starts, each a
# new process, timed from its launch to the first 200 of /healthz (polled every 20 ms). Prints every run and the
# median, and the CPU time the process had used by then (user + system: what a busy machine does not inflate).
# Knobs (env): BENCH_RUNS=5, BENCH_COMPARE_DIR=<another published app, "other": its starts alternate with this
#   one's, on databases of its own> and those of bench/lib.sh.
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

apps=(this)
[[ -n "${BENCH_COMPARE_DIR:-}" ]] && apps+=(other)
app_dir() { if [[ "$1" == other ]]; then echo "$BENCH_COMPARE_DIR"; else echo "$THIS_DIR"; fi; }
THIS_DIR="$APP_DIR"
postgres_other_conn="$(pg_database other)"
sqlite_other_conn="Data Source=$WORK/other.db"

echo
echo "== cold start to a healthy /healthz, migrated database ($(nproc) cores; published Release) =="
for provider in Sqlite Postgres; do
  for app in "${apps[@]}"; do # the first start migrates
    conn_var="${provider,,}_conn"; [[ "$app" == other ]] && conn_var="${provider,,}_other_conn"
    APP_DIR="$(app_dir "$app")"; time_start "$provider" "${!conn_var}"
  done
  declare -A runs=() cpus=()
  for _ in $(seq 1 "$RUNS"); do
    for app in "${apps[@]}"; do
      conn_var="${provider,,}_conn"; [[ "$app" == other ]] && conn_var="${provider,,}_other_conn"
      APP_DIR="$(app_dir "$app")"; time_start "$provider" "${!conn_var}"
      runs[$app]+="$ELAPSED " cpus[$app]+="$CPU "
    done
  done
  for app in "${apps[@]}"; do
    printf '%-9s %-5s median %5s ms (CPU %5s ms)   runs: %s  CPU: %s\n' "$provider" "$app" \
      "$(tr ' ' '\n' <<<"${runs[$app]}" | grep . | median)" "$(tr ' ' '\n' <<<"${cpus[$app]}" | grep . | median)" \
      "${runs[$app]}" "${cpus[$app]}"
  done
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
