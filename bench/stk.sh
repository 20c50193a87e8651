#!/usr/bin/env bash
# STK push API benchmark, all on this machine (needs no network beyond localhost).
#
#   bash bench/stk.sh
#
# 1. initdb a throwaway PostgreSQL in a temp dir on a free port (fsync=off: bench only!)
# 2. dotnet publish MerchantPortal.Web -c Release into the temp dir (restores from the local NuGet cache)
# 3. starts the app on 127.0.0.1:<free port> against that database, simulator mode,
#    LockSubscriber=false, CallbackDelaySeconds=1, STK rate limit effectively off
# 4. registers a merchant, saves a paybill account and generates an API key with curl
# 5. wrk: 5 s warm-up, then POST action=api_stk for 20 s (bench/stk.lua), then GET action=me
#    (API-key auth alone) for 10 s
# 6. prints requests/s, p50, p99 and the transactions in the database by status
# Everything it started is stopped and removed on exit.
#
# 7. with BENCH_SEED_ROWS=N (e.g. 1000000): inserts N transactions for the merchant with SQL, then measures the
#    transactions listing (first page, a status filter, a phone filter, a page deep in the keyset)
# Knobs (env): BENCH_SEED_ROWS=0 BENCH_LIST_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=16 BENCH_DURATION=20s BENCH_WARMUP=5s
#   BENCH_ME_DURATION=10s BENCH_APP_DIR=<already published app dir: skips the publish>
#   PG_BIN=<dir with initdb/pg_ctl> (default: newest /usr/lib/postgresql/*/bin)
# Needs: dotnet SDK 10, PostgreSQL server binaries (Debian: postgresql), wrk, curl.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUA="$REPO/bench/stk.lua"
THREADS="${BENCH_THREADS:-2}"
CONNS="${BENCH_CONNECTIONS:-16}"
DURATION="${BENCH_DURATION:-20s}"
WARMUP="${BENCH_WARMUP:-5s}"
ME_DURATION="${BENCH_ME_DURATION:-10s}"

for tool in wrk curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 1; }
done
if [[ -z "${PG_BIN:-}" ]]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
fi
[[ -x "${PG_BIN:-}/initdb" ]] || { echo "error: no initdb (set PG_BIN or apt-get install postgresql)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/mp-bench.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pgdata"
PGSOCK="$WORK/pgsock"
APP_LOG="$WORK/app.log"
APP_PID=""
PG_STARTED=0

as_pg() { # run a PostgreSQL binary as the postgres user when we are root (initdb refuses root)
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local rc=$?
  set +e
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  if ((rc != 0)) && [[ -f "$APP_LOG" ]]; then
    echo "--- last lines of the app log ---" >&2
    tail -n 40 "$APP_LOG" >&2
  fi
  if ((PG_STARTED)); then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

t0=$SECONDS
log() { printf '[%4ss] %s\n' "$((SECONDS - t0))" "$*"; }

# ---------------------------------------------------------------- PostgreSQL
PG_PORT="$(free_port)"
mkdir -p "$PGDATA" "$PGSOCK"
[[ $EUID -eq 0 ]] && chown -R postgres:postgres "$PGDATA" "$PGSOCK"
log "initdb ($("$PG_BIN/postgres" --version)) into $PGDATA"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U bench -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 1; }
log "starting PostgreSQL on 127.0.0.1:$PG_PORT (fsync=off, synchronous_commit=off, full_page_writes=off: NOT durable, bench only)"
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
  -o "-p $PG_PORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
PG_STARTED=1
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U bench -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_q -d postgres -c "CREATE DATABASE portal" >/dev/null
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=bench;Database=portal"

# ---------------------------------------------------------------- app
if [[ -n "${BENCH_APP_DIR:-}" ]]; then
  APP_DIR="$BENCH_APP_DIR"
  log "using the published app in $APP_DIR"
else
  APP_DIR="$WORK/app"
  log "dotnet publish MerchantPortal.Web -c Release -o $APP_DIR"
  (cd "$REPO" && dotnet publish MerchantPortal.Web -c Release -o "$APP_DIR" --nologo -v quiet) >"$WORK/publish.log" 2>&1 \
    || { cat "$WORK/publish.log" >&2; exit 1; }
fi

APP_PORT="$(free_port)"
BASE="http://127.0.0.1:$APP_PORT"
log "starting the app on $BASE"
(
  cd "$APP_DIR"
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  export Database__Provider=Postgres ConnectionStrings__Default="$CONN"
  export Mpesa__Mode=Simulator Mpesa__Simulator__LockSubscriber=false Mpesa__Simulator__CallbackDelaySeconds=1
  export RateLimits__StkPerMinute=1000000 Logging__LogLevel__Default=Warning
  # appsettings.json sets Urls; the command line wins over it.
  exec dotnet MerchantPortal.Web.dll --urls "$BASE"
) >"$APP_LOG" 2>&1 &
APP_PID=$!

for i in $(seq 1 120); do
  if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "error: the app exited during start-up" >&2; exit 1; }
  ((i == 120)) && { echo "error: /healthz not ready after 60 s" >&2; exit 1; }
  sleep 0.5
done
log "app ready (pid $APP_PID)"

# ---------------------------------------------------------------- merchant + API key
JAR="$WORK/cookies.txt"
api() { curl -sS -c "$JAR" -b "$JAR" "$BASE/index.php" "$@"; }
expect_ok() { # expect_ok STEP JSON
  if ! grep -q '"status":"ok"' <<<"$2"; then echo "error: $1 failed: $2" >&2; exit 1; fi
}
user="bench$(date +%s)$RANDOM"
out="$(api --data-urlencode action=register --data-urlencode "username=$user" \
  --data-urlencode "email=$user@example.com" --data-urlencode 'password=Bench-Passw0rd!x')"
expect_ok register "$out"
out="$(api --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=123456)"
expect_ok save_payment_account "$out"
out="$(api --data-urlencode action=generate_api_key --data-urlencode label=bench)"
expect_ok generate_api_key "$out"
KEY="$(sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p' <<<"$out")"
[[ -n "$KEY" ]] || { echo "error: no key in $out" >&2; exit 1; }
export STK_API_KEY="$KEY"
log "merchant $user, API key ${KEY:0:10}…"

# one call by hand so a broken setup shows its answer instead of a wall of non-200s
out="$(curl -sS "$BASE/index.php" --data-urlencode action=api_stk --data-urlencode "api_key=$KEY" \
  --data-urlencode phone=0712345678 --data-urlencode amount=10)"
expect_ok api_stk "$out"

# ---------------------------------------------------------------- wrk
run_wrk() { # run_wrk LABEL DURATION MODE
  local label="$1" dur="$2" mode="$3" f="$WORK/wrk-$1.txt"
  log "wrk $label: -t$THREADS -c$CONNS -d$dur ($mode)"
  BENCH_MODE="$mode" wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency -s "$LUA" "$BASE/index.php" >"$f" 2>&1 \
    || { cat "$f" >&2; exit 1; }
  cat "$f"
}
summary_of() { # summary_of LABEL -> "rps p50 p99" from wrk's own output
  local f="$WORK/wrk-$1.txt"
  local rps p50 p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$f")"
  p50="$(awk '$1 == "50%" {print $2; exit}' "$f")"
  p99="$(awk '$1 == "99%" {print $2; exit}' "$f")"
  echo "$rps $p50 $p99"
}

run_wrk warmup "$WARMUP" stk >/dev/null
log "warm-up done"
run_wrk stk "$DURATION" stk
run_wrk me "$ME_DURATION" me

SEED="${BENCH_SEED_ROWS:-0}"
LIST_DURATION="${BENCH_LIST_DURATION:-10s}"
if ((SEED > 0)); then
  log "seeding $SEED transactions for the merchant (one INSERT … SELECT generate_series)"
  psql_q -d portal <<SQL
INSERT INTO "Transactions" ("MerchantId","PublicId","PaymentAccountId","PaymentId","Amount","Phone","Status","ResultCode",
  "Receipt","CallbackToken","StatusToken","BusinessShortCode","AccountReference","CreatedAt","CompletedAt","QueryCount")
SELECT a."MerchantId", 'txn_seed' || i, a."Id", '#00001', 10 + i % 5000, '2547' || lpad((i % 5000)::text, 8, '0'),
  CASE WHEN i % 10 = 0 THEN 'failed' WHEN i % 7 = 0 THEN 'cancelled' ELSE 'succeeded' END,
  CASE WHEN i % 10 = 0 THEN '1' WHEN i % 7 = 0 THEN '1032' ELSE '0' END,
  CASE WHEN i % 10 <> 0 AND i % 7 <> 0 THEN 'S' || lpad(i::text, 9, '0') END,
  'seedcb' || i, 'seedst' || i, '123456', 'Bench', now() - (($SEED - i) || ' seconds')::interval, now(), 0
FROM generate_series(1, $SEED) AS i, (SELECT a."MerchantId", a."Id" FROM "PaymentAccounts" a
  JOIN "AspNetUsers" u ON u."Id" = a."MerchantId" WHERE u."UserName" = '$user' LIMIT 1) AS a;
ANALYZE "Transactions";
SQL
  deep="$(psql_q -d portal -At -c 'SELECT "Id" FROM "Transactions" ORDER BY "Id" LIMIT 1 OFFSET '"$((SEED / 2))")"
  cursor="$(printf 't:%s' "$deep" | base64 | tr -d '=')"
  for spec in "first:limit=50" "status:status=failed&limit=50" "phone:phone=0700000042&limit=50" "deep:limit=50&cursor=$cursor"; do
    BENCH_QUERY="${spec#*:}" run_wrk "list-${spec%%:*}" "$LIST_DURATION" list >/dev/null
  done
fi

sleep 3 # let the simulator's 1 s callbacks land
log "transactions in the database by status (includes the warm-up and the hand-made call):"
psql_q -d portal -c 'SELECT "Status" AS status, count(*) FROM "Transactions" GROUP BY 1 ORDER BY 2 DESC'

read -r stk_rps stk_p50 stk_p99 <<<"$(summary_of stk)"
read -r me_rps me_p50 me_p99 <<<"$(summary_of me)"
stk_non200="$(grep -c '^BENCH non200 status' "$WORK/wrk-stk.txt" || true)"
me_non200="$(grep -c '^BENCH non200 status' "$WORK/wrk-me.txt" || true)"
echo
echo "== summary ($(nproc) cores; app + PostgreSQL (fsync=off) + wrk on one machine; -t$THREADS -c$CONNS) =="
printf '%-10s %12s %10s %10s  %s\n' action "requests/s" p50 p99 "non-200"
printf '%-10s %12s %10s %10s  %s\n' api_stk "$stk_rps" "$stk_p50" "$stk_p99" \
  "$( ((stk_non200)) && grep '^BENCH non200 status' "$WORK/wrk-stk.txt" | tr '\n' ' ' || echo none)"
printf '%-10s %12s %10s %10s  %s\n' me "$me_rps" "$me_p50" "$me_p99" \
  "$( ((me_non200)) && grep '^BENCH non200 status' "$WORK/wrk-me.txt" | tr '\n' ' ' || echo none)"
if ((SEED > 0)); then
  echo "transactions listing over $SEED rows of one merchant (50 per page):"
  for label in first status phone deep; do
    read -r rps p50 p99 <<<"$(summary_of "list-$label")"
    printf '%-10s %12s %10s %10s  %s\n' "$label" "$rps" "$p50" "$p99" \
      "$(grep -q '^BENCH non200 status' "$WORK/wrk-list-$label.txt" && grep '^BENCH non200 status' "$WORK/wrk-list-$label.txt" | tr '\n' ' ' || echo none)"
  done
fi
