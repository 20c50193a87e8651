#!/usr/bin/env bash
# The merchant's pages over a growing history, and the app's memory, all on this machine.
#
#   bash bench/data.sh
#   BENCH_VARIANTS=$'before /path/to/old/app\nafter /path/to/new/app\nafter-wks /path/to/new/app DOTNET_gcServer=0' bash bench/data.sh
#
# 1. initdb a throwaway PostgreSQL (fsync=off: bench only!)
# 2. dotnet publish MerchantPortal.Web -c Release (unless BENCH_VARIANTS names published apps)
# 3. for each variant (a label, a published app, optional VAR=value environment for it), one after another, each
#    on a database of its own: start the app (simulator mode), register a merchant, save an account, make a key;
#    then for each size (10k, 100k, 1M transactions of that merchant, created within the last 30 days) seed the
#    rows with SQL and time, with curl (2 warm-ups, then the median of BENCH_REPEAT requests):
#      the dashboard home (signed-in cookie), the transactions page, the `transactions` action (50 rows),
#    and the CSV export of the whole history (bytes, seconds, MB/s), printing VmRSS and VmHWM (/proc/PID/status);
#    last, wrk on api_stk (-c16, BENCH_STK_DURATION) and VmRSS under that load.
# Everything it started is stopped and removed on exit.
# Knobs (env): BENCH_SIZES="10000 100000 1000000" BENCH_REPEAT=7 BENCH_STK_DURATION=10s BENCH_VARIANTS PG_BIN
# Needs: dotnet SDK 10, PostgreSQL server binaries, wrk, curl.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${BENCH_SIZES:-10000 100000 1000000}"
REPEAT="${BENCH_REPEAT:-7}"
STK_DURATION="${BENCH_STK_DURATION:-10s}"
if [[ -z "${PG_BIN:-}" ]]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
fi
[[ -x "${PG_BIN:-}/initdb" ]] || { echo "error: no initdb (set PG_BIN)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/mp-data.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pgdata"
APP_PID=""
PG_STARTED=0
as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
cleanup() {
  local rc=$?
  set +e
  stop_app
  ((PG_STARTED)) && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
t0=$SECONDS
log() { printf '[%4ss] %s\n' "$((SECONDS - t0))" "$*" >&2; }

PG_PORT="$(free_port)"
mkdir -p "$PGDATA" "$WORK/pgsock"
[[ $EUID -eq 0 ]] && chown -R postgres:postgres "$PGDATA" "$WORK/pgsock"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U bench -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
  -o "-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
PG_STARTED=1
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U bench -X -q -v ON_ERROR_STOP=1 "$@"; }

VARIANTS="${BENCH_VARIANTS:-}"
if [[ -z "$VARIANTS" ]]; then
  log "dotnet publish MerchantPortal.Web -c Release"
  (cd "$REPO" && dotnet publish MerchantPortal.Web -c Release -o "$WORK/app" --nologo -v quiet) >"$WORK/publish.log" 2>&1 \
    || { cat "$WORK/publish.log" >&2; exit 1; }
  VARIANTS="portal $WORK/app"
fi

rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$APP_PID/status"; }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
time_ms() { # time_ms URL [curl args…]: median milliseconds of REPEAT GETs after 2 warm-ups
  local url="$1"; shift
  for _ in 1 2; do curl -fsS -o /dev/null "$@" "$url"; done
  for _ in $(seq 1 "$REPEAT"); do curl -fsS -o /dev/null -w '%{time_total}\n' "$@" "$url"; done \
    | awk '{printf "%d\n", $1 * 1000}' | median
}

seed() { # seed DB USER FROM TO: transactions FROM..TO of USER's merchant, spread over the last 30 days
  psql_q -d "$1" <<SQL
INSERT INTO "Transactions" ("MerchantId","PublicId","PaymentAccountId","PaymentId","Amount","Phone","Status","ResultCode",
  "Receipt","CallbackToken","StatusToken","BusinessShortCode","AccountReference","CreatedAt","CompletedAt","QueryCount")
SELECT a."MerchantId", 'txn_seed' || i, a."Id", '#00001', 10 + i % 5000, '2547' || lpad((i % 5000)::text, 8, '0'),
  CASE WHEN i % 10 = 0 THEN 'failed' WHEN i % 7 = 0 THEN 'cancelled' ELSE 'succeeded' END,
  CASE WHEN i % 10 = 0 THEN '1' WHEN i % 7 = 0 THEN '1032' ELSE '0' END,
  CASE WHEN i % 10 <> 0 AND i % 7 <> 0 THEN 'S' || lpad(i::text, 9, '0') END,
  'seedcb' || i, 'seedst' || i, '123456', 'Bench', now() - ((i::bigint * 7919) % 2592000) * interval '1 second', now(), 0
FROM generate_series($3, $4) AS i,
  (SELECT a."MerchantId", a."Id" FROM "PaymentAccounts" a JOIN "AspNetUsers" u ON u."Id" = a."MerchantId" WHERE u."UserName" = '$2') AS a;
-- Rows written behind the app's back never moved, so their day totals (where the app keeps them) are rebuilt
-- as the migration's backfill builds them.
DO \$\$ BEGIN
  IF to_regclass('"PaymentDayTotals"') IS NOT NULL THEN
    DELETE FROM "PaymentDayTotals";
    INSERT INTO "PaymentDayTotals" ("MerchantId", "Day", "Status", "Count", "Amount")
    SELECT "MerchantId", ("CreatedAt" AT TIME ZONE 'UTC' + interval '3 hours')::date, "Status", count(*), sum("Amount")
    FROM "Transactions" WHERE "Status" <> 'pending' GROUP BY 1, 2, 3;
  END IF;
END \$\$;
ANALYZE;
SQL
}

RESULTS="$WORK/results.txt"
n=0
while read -r label dir envs; do
  [[ -n "$label" ]] || continue
  n=$((n + 1))
  db="portal$n"
  psql_q -d postgres -c "CREATE DATABASE $db" >/dev/null
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  log "$label: starting $dir ${envs:-} on $base"
  (
    cd "$dir"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1
    export Database__Provider=Postgres ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Username=bench;Database=$db"
    export Mpesa__Mode=Simulator Mpesa__Simulator__LockSubscriber=false Mpesa__Simulator__CallbackDelaySeconds=1
    export RateLimits__StkPerMinute=1000000 Logging__LogLevel__Default=Warning
    for kv in ${envs:-}; do export "${kv?}"; done
    exec dotnet MerchantPortal.Web.dll --urls "$base"
  ) >"$WORK/app-$n.log" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$WORK/app-$n.log" >&2; exit 1; }
    ((i == 120)) && { echo "error: /healthz not ready" >&2; exit 1; }
    sleep 0.5
  done

  jar="$WORK/jar-$n"
  api() { curl -sS -c "$jar" -b "$jar" "$base/index.php" "$@"; }
  user="bench$n$RANDOM"
  api --data-urlencode action=register --data-urlencode "username=$user" --data-urlencode "email=$user@example.com" \
    --data-urlencode 'password=Bench-Passw0rd!x' | grep -q '"status":"ok"' || { echo "error: register" >&2; exit 1; }
  api --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=123456 >/dev/null
  key="$(api --data-urlencode action=generate_api_key --data-urlencode label=bench | sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p')"
  [[ -n "$key" ]] || { echo "error: no API key" >&2; exit 1; }

  seeded=0
  for size in $SIZES; do
    log "$label: seeding up to $size rows"
    seed "$db" "$user" $((seeded + 1)) "$size" >/dev/null
    seeded=$size
    dash="$(time_ms "$base/Dashboard" -b "$jar")"
    page="$(time_ms "$base/Transactions" -b "$jar")"
    action="$(time_ms "$base/index.php?action=transactions&limit=50&api_key=$key")"
    read -r bytes secs <<<"$(curl -fsS -b "$jar" -o /dev/null -w '%{size_download} %{time_total}' "$base/Transactions?handler=Csv")"
    mbs="$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / s / 1e6}')"
    printf '%-10s %8s  dashboard %6s ms  page %5s ms  action %5s ms  csv %6.1f MB in %5.2f s = %5s MB/s  %s\n' \
      "$label" "$size" "$dash" "$page" "$action" "$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')" "$secs" "$mbs" "$(rss)" | tee -a "$RESULTS"
  done

  log "$label: wrk api_stk -c16 $STK_DURATION"
  STK_API_KEY="$key" wrk -t2 -c16 -d"$STK_DURATION" -s "$REPO/bench/stk.lua" "$base/index.php" >"$WORK/wrk-$n.txt" 2>&1 &
  wrk_pid=$!
  peak=0
  while kill -0 "$wrk_pid" 2>/dev/null; do # the highest VmRSS sampled each second under the load
    now_kb="$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status")"
    ((now_kb > peak)) && peak=$now_kb
    sleep 1
  done
  wait "$wrk_pid"
  printf '%-10s api_stk %s requests/s, VmRSS under the load up to %d MB, after: %s\n' "$label" \
    "$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$n.txt")" $((peak / 1024)) "$(rss)" | tee -a "$RESULTS"
  stop_app
done <<<"$VARIANTS"

echo
echo "== summary ($(nproc) cores; app + PostgreSQL (fsync=off) + curl on one machine; median of $REPEAT) =="
cat "$RESULTS"
