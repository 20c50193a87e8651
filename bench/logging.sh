#!/usr/bin/env bash
# What logging at the shipped levels costs api_stk, side by side in one run:
#
#   bash bench/logging.sh
#
# Two instances of the published app, each on its own database: "shipped" with appsettings.json's levels, "quiet"
# with every category at Warning. wrk drives api_stk on one, then the other, alternating (BENCH_ROUNDS each,
# BENCH_DURATION per round, BENCH_CONNECTIONS connections), so both see the same machine load. Console output goes
# to a file, as under a process manager. Prints the median requests/s and p99 of each, the ratio, and the console
# lines each instance wrote per api_stk call.
# Knobs (env): BENCH_DB=postgres|sqlite BENCH_ROUNDS=3 BENCH_DURATION=10s BENCH_CONNECTIONS=32 BENCH_WARMUP=5s
#   and those of bench/lib.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB="${BENCH_DB:-postgres}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-10s}"
CONNS="${BENCH_CONNECTIONS:-32}"
WARMUP="${BENCH_WARMUP:-5s}"

publish_app
[[ "$DB" == postgres ]] && start_pg
conn_for() {
  if [[ "$DB" == postgres ]]; then pg_database "$1"; else echo "Data Source=$WORK/$1.db"; fi
}
provider=$([[ "$DB" == postgres ]] && echo Postgres || echo Sqlite)

start_app shipped "$provider" "$(conn_for shipped)"; shipped_base="$BASE" shipped_pid="$APP_PID"
start_app quiet "$provider" "$(conn_for quiet)" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning; quiet_base="$BASE" quiet_pid="$APP_PID"
wait_healthy "$shipped_base" "$shipped_pid"
wait_healthy "$quiet_base" "$quiet_pid"
shipped_key="$(make_key "$shipped_base")"
quiet_key="$(make_key "$quiet_base")"
log "shipped on $shipped_base, quiet on $quiet_base ($DB)"

run_wrk warm-shipped "$shipped_base" "$shipped_key" "$WARMUP" "$CONNS"
run_wrk warm-quiet "$quiet_base" "$quiet_key" "$WARMUP" "$CONNS"
sleep 2
lines_before="$(wc -l <"$WORK/shipped.log")"
for r in $(seq 1 "$ROUNDS"); do
  for name in shipped quiet; do
    base_var="${name}_base" key_var="${name}_key"
    run_wrk "$name-$r" "${!base_var}" "${!key_var}" "$DURATION" "$CONNS"
    log "round $r $name: $(wrk_rps "$name-$r") requests/s, p99 $(wrk_p "$name-$r" 99) $(wrk_non200 "$name-$r")"
    sleep 2 # the simulator's 1 s callbacks of this round land before the next starts
  done
done

shipped_calls=0
for r in $(seq 1 "$ROUNDS"); do
  shipped_calls=$((shipped_calls + $(awk '/requests in/ {print $1}' "$WORK/wrk-shipped-$r.txt")))
done
lines_after="$(wc -l <"$WORK/shipped.log")"

echo
echo "== logging cost, api_stk on $DB ($(nproc) cores, everything on one machine; -c$CONNS, $ROUNDS rounds of $DURATION each, alternating) =="
printf '%-8s %12s %10s  %s\n' instance "requests/s" "p99" "rounds (requests/s)"
for name in shipped quiet; do
  all="" p99s=""
  for r in $(seq 1 "$ROUNDS"); do all+="$(wrk_rps "$name-$r") "; p99s+="$(wrk_p "$name-$r" 99) "; done
  printf '%-8s %12s %10s  %s\n' "$name" "$(tr ' ' '\n' <<<"$all" | grep . | median)" \
    "$(tr ' ' '\n' <<<"$p99s" | grep . | head -n "$ROUNDS" | tr '\n' ' ')" "$all"
done
s="$(for r in $(seq 1 "$ROUNDS"); do wrk_rps "shipped-$r"; done | median)"
q="$(for r in $(seq 1 "$ROUNDS"); do wrk_rps "quiet-$r"; done | median)"
awk -v s="$s" -v q="$q" 'BEGIN {printf "shipped / quiet: %.3f\n", s / q}'
awk -v l="$((lines_after - lines_before))" -v c="$shipped_calls" \
  'BEGIN {printf "console lines of the shipped instance per api_stk call (callbacks included): %.2f\n", l / c}'
echo "a sample of the shipped instance's console:"
tail -n 12 "$WORK/shipped.log" | cut -c1-160
