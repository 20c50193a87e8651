#!/usr/bin/env bash
# The portal side by side with its floor (bench/floor: the least work for the same jobs on raw Npgsql), on one
# throwaway PostgreSQL and one standalone Daraja simulator (simulate-daraja, callbacks after 1 s).
#
#   bash bench/compare.sh
#
# For each job wrk (-t2 -c32) runs against the floor and the portal alternately, BENCH_ROUNDS rounds each of
# BENCH_DURATION, and the medians are printed with the portal/floor ratio:
#   api_stk   POST action=api_stk by API key, a new phone each request, callbacks flowing back to whichever served it
#   callback  POST a Daraja callback to /hooks/stk/{token}, each to its own pending row (seeded by SQL per round)
#   me        GET action=me by API key (the floor: hash the key, look it up, answer)
#   pay page  GET /pay/{lid} of a payment link vs the floor's Kestrel serving a static file of the same size
# Also: the portal's resident memory after the api_stk rounds, its cold start (process start to a healthy
# /healthz on the migrated database), and where each request's CPU goes: the milliseconds of CPU per answered request
# spent by the app under test, by PostgreSQL and by the simulator during each round (user + system time from /proc).
# Optional phases (off by default; the default run takes about 16 minutes):
#   BENCH_LOGGING=1  api_stk with the default logging vs Logging__LogLevel__Default=Warning, alternately
#   BENCH_SQLITE=1   api_stk on SQLite with 32 connections: non-2xx answers and "database is locked" in its log
#   BENCH_DATA=1     10k / 100k / 1M transactions of one merchant within 30 days: dashboard home, transactions
#                    page, transactions action (median of 5), the whole-history CSV export in MB/s, RSS after
#   BENCH_DATA_WIDE=1  with BENCH_DATA: a merchant's 10k payments timed alone and among 10M of 1,000 merchants
#   BENCH_AB="VAR=value …"  api_stk and me with the portal as shipped vs started with those variables (for example
#                    DOTNET_gcServer=1), alternately, with the resident memory after each api_stk round
# Knobs: BENCH_ROUNDS=3 BENCH_DURATION=10s BENCH_WARMUP=45s BENCH_CONNECTIONS=32 BENCH_THREADS=2 BENCH_CB_ROWS=100000
#   BENCH_APP_DIR / BENCH_FLOOR_DIR (already published: skip the publish) PG_BIN=<dir with initdb/pg_ctl>
# Needs: dotnet SDK 10, PostgreSQL server binaries, wrk, curl. Everything it starts is stopped and removed on exit.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUA="$REPO/bench/compare.lua"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-45s}"
CONNS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
CB_ROWS="${BENCH_CB_ROWS:-100000}"

for tool in wrk curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 1; }
done
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)}"
[[ -x "${PG_BIN:-}/initdb" ]] || { echo "error: no initdb (set PG_BIN or apt-get install postgresql)" >&2; exit 1; }

WORK="$(mktemp -d /tmp/mp-compare.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pgdata"
PIDS=()          # every process started here, stopped on exit
PG_STARTED=0
RESULTS="$WORK/results.txt"
: >"$RESULTS"

as_pg() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_pid() { # stop_pid PID: TERM, then KILL after 5 s
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if ((rc != 0)); then
    for f in "$WORK"/*.log; do [[ -f "$f" ]] && { echo "--- last lines of $(basename "$f") ---" >&2; tail -n 15 "$f" >&2; }; done
  fi
  ((PG_STARTED)) && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
t0=$SECONDS
log() { printf '[%4ss] %s\n' "$((SECONDS - t0))" "$*"; }
now_ms() { date +%s%3N; }

wait_healthy() { # wait_healthy URL PID -> prints the milliseconds it took
  local start; start="$(now_ms)"
  for _ in $(seq 1 1200); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && { echo $(($(now_ms) - start)); return 0; }
    kill -0 "$2" 2>/dev/null || { echo "error: process $2 exited during start-up ($1)" >&2; exit 1; }
    sleep 0.05
  done
  echo "error: $1 not healthy after 60 s" >&2; exit 1
}

# ---------------------------------------------------------------- PostgreSQL
PG_PORT="$(free_port)"
mkdir -p "$PGDATA" "$WORK/pgsock"
[[ $EUID -eq 0 ]] && chown -R postgres:postgres "$PGDATA" "$WORK/pgsock"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U bench -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.out" 2>&1 \
  || { cat "$WORK/initdb.out" >&2; exit 1; }
log "PostgreSQL on 127.0.0.1:$PG_PORT (fsync=off, synchronous_commit=off: NOT durable, bench only)"
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
  -o "-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
PG_STARTED=1
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U bench -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_q -d postgres -c "CREATE DATABASE portal" >/dev/null
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=bench;Database=portal"

# ---------------------------------------------------------------- publish
APP_DIR="${BENCH_APP_DIR:-$WORK/app}"
FLOOR_DIR="${BENCH_FLOOR_DIR:-$WORK/floor}"
if [[ -z "${BENCH_APP_DIR:-}" ]]; then
  log "dotnet publish MerchantPortal.Web -c Release"
  (cd "$REPO" && dotnet publish MerchantPortal.Web -c Release -o "$APP_DIR" --nologo -v quiet) >"$WORK/publish.out" 2>&1 \
    || { cat "$WORK/publish.out" >&2; exit 1; }
fi
if [[ -z "${BENCH_FLOOR_DIR:-}" ]]; then
  log "dotnet publish bench/floor -c Release"
  (cd "$REPO" && dotnet publish bench/floor/Floor.csproj -c Release -o "$FLOOR_DIR" --nologo -v quiet) >"$WORK/publish-floor.out" 2>&1 \
    || { cat "$WORK/publish-floor.out" >&2; exit 1; }
fi

# ---------------------------------------------------------------- simulator, portal, floor
export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SIM="http://127.0.0.1:$(free_port)"
(cd "$APP_DIR" && Mpesa__Simulator__CallbackDelaySeconds=1 exec dotnet MerchantPortal.Web.dll simulate-daraja --urls "$SIM") \
  >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
wait_healthy "$SIM/healthz" "$SIM_PID" >/dev/null
log "simulator on $SIM (pid $SIM_PID)"

PORTAL="http://127.0.0.1:$(free_port)"
PORTAL_PID=""
start_portal() { # start_portal LOG [VAR=value…]: the portal (Postgres, the standalone simulator), waits for /healthz
  local logfile="$1"; shift
  [[ -n "$PORTAL_PID" ]] && stop_pid "$PORTAL_PID"
  (cd "$APP_DIR" && exec env Database__Provider=Postgres ConnectionStrings__Default="$CONN" \
    Mpesa__Mode=Simulator Mpesa__BaseUrl="$SIM" RateLimits__StkPerMinute=100000000 "$@" \
    dotnet MerchantPortal.Web.dll --urls "$PORTAL") >>"$WORK/$logfile" 2>&1 &
  PORTAL_PID=$!
  PIDS+=("$PORTAL_PID")
  STARTUP_MS="$(wait_healthy "$PORTAL/healthz" "$PORTAL_PID")"
}
start_portal portal.log
log "portal on $PORTAL, first start (migrations applied) in ${STARTUP_MS} ms"

# ---------------------------------------------------------------- merchant, account, key, link (through the portal)
JAR="$WORK/cookies.txt"
api() { curl -sS -c "$JAR" -b "$JAR" "$PORTAL/index.php" "$@"; }
expect_ok() { grep -q '"status":"ok"' <<<"$2" || { echo "error: $1 failed: $2" >&2; exit 1; }; }
user="bench$(date +%s)$RANDOM"
out="$(api --data-urlencode action=register --data-urlencode "username=$user" --data-urlencode "email=$user@example.com" \
  --data-urlencode 'password=Bench-Passw0rd!x')"; expect_ok register "$out"
out="$(api --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=123456)"
expect_ok save_payment_account "$out"
out="$(api --data-urlencode action=generate_api_key --data-urlencode label=bench)"; expect_ok generate_api_key "$out"
export STK_API_KEY; STK_API_KEY="$(sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p' <<<"$out")"
out="$(api --data-urlencode action=create_link --data-urlencode title=Bench --data-urlencode amount=100)"; expect_ok create_link "$out"
LINK_ID="$(sed -n 's/.*"link_id":"\([^"]*\)".*/\1/p' <<<"$out")"
MERCHANT_ID="$(psql_q -d portal -At -c "SELECT \"MerchantId\" FROM \"ApiKeys\" LIMIT 1")"
ACCOUNT_ID="$(psql_q -d portal -At -c "SELECT \"Id\" FROM \"PaymentAccounts\" WHERE \"MerchantId\" = '$MERCHANT_ID'")"
log "merchant $user, key ${STK_API_KEY:0:8}…, link $LINK_ID"

stop_pid "$PORTAL_PID"
start_portal portal.log
COLD_START_MS="$STARTUP_MS"
log "portal restarted on the migrated database: healthy in ${COLD_START_MS} ms from process start"

mkdir -p "$WORK/static"
PAY_BYTES="$(curl -fsS "$PORTAL/pay/$LINK_ID" | wc -c)"
head -c "$PAY_BYTES" /dev/zero | tr '\0' 'x' >"$WORK/static/pay.html"
FLOOR="http://127.0.0.1:$(free_port)"
(cd "$FLOOR_DIR" && FLOOR_DB="$CONN;Maximum Pool Size=100" FLOOR_DARAJA="$SIM" FLOOR_STATIC="$WORK/static" \
  exec dotnet Floor.dll --urls "$FLOOR") >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
PIDS+=("$FLOOR_PID")
wait_healthy "$FLOOR/static/pay.html" "$FLOOR_PID" >/dev/null
log "floor on $FLOOR (pid $FLOOR_PID); pay page $PAY_BYTES bytes"

# One call by hand each (two phones: the duplicate guard holds across both): a broken setup shows its answer.
for target in "$FLOOR 0712345678" "$PORTAL 0712345679"; do
  out="$(curl -sS "${target% *}/index.php" --data-urlencode action=api_stk --data-urlencode "api_key=$STK_API_KEY" \
    --data-urlencode "phone=${target#* }" --data-urlencode amount=11)"; expect_ok "api_stk on ${target% *}" "$out"
  echo "  ${target% *}: $out"
done

# ---------------------------------------------------------------- wrk
HZ="$(getconf CLK_TCK)"
PG_MAIN_PID="$(head -n1 "$PGDATA/postmaster.pid")"
cpu_ticks() { # cpu_ticks PID…: user + system clock ticks these processes have used (all their threads)
  local sum=0 f
  for pid in "$@"; do read -r -a f 2>/dev/null <"/proc/$pid/stat" || continue; sum=$((sum + f[13] + f[14])); done
  echo "$sum"
}
pg_ticks() { # the postmaster (with the time of its backends that have exited) and its live backends
  local f; read -r -a f 2>/dev/null <"/proc/$PG_MAIN_PID/stat" || { echo 0; return; }
  echo $((f[15] + f[16] + $(cpu_ticks "$PG_MAIN_PID" $(ps -o pid= --ppid "$PG_MAIN_PID"))))
}
ms_per() { awk -v t="$1" -v n="$2" -v hz="$HZ" 'BEGIN { if (n + 0 == 0) print "-"; else printf "%.2f", t * 1000 / hz / n }'; }

OFFSET=0
run_wrk() { # run_wrk NAME SIDE URL [VAR=value…]: one round; appends "NAME SIDE rps p50 p99 failed app_ms pg_ms sim_ms" to RESULTS
  local name="$1" side="$2" url="$3"; shift 3
  local out="$WORK/wrk-$name-$side-$OFFSET.txt"
  local app_pid="$PORTAL_PID"; [[ $side == floor ]] && app_pid="$FLOOR_PID"; [[ $side == sqlite ]] && app_pid="$SQLITE_PID"
  # PostgreSQL and the simulator are shared and callbacks come 1 s after each push: the CPU is read 2 s after the
  # round before has ended (its callbacks done) and 2 s after this one (its own callbacks counted).
  sleep 2
  local app0 pg0 sim0; app0="$(cpu_ticks "$app_pid")"; pg0="$(pg_ticks)"; sim0="$(cpu_ticks "$SIM_PID")"
  env BENCH_THREADS="$THREADS" BENCH_OFFSET="$OFFSET" "$@" \
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 30s --latency -s "$LUA" "$url" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  sleep 2
  local app1 pg1 sim1; app1="$(cpu_ticks "$app_pid")"; pg1="$(pg_ticks)"; sim1="$(cpu_ticks "$SIM_PID")"
  OFFSET=$((OFFSET + 100000))
  local line; line="$(grep '^BENCH mode=' "$out")"
  local rps p50 p99 bad errors n app_ms pg_ms sim_ms
  n="$(sed 's/.* requests=\([^ ]*\).*/\1/' <<<"$line")"
  app_ms="$(ms_per $((app1 - app0)) "$n")"; pg_ms="$(ms_per $((pg1 - pg0)) "$n")"; sim_ms="$(ms_per $((sim1 - sim0)) "$n")"
  rps="$(sed 's/.* rps=\([^ ]*\).*/\1/' <<<"$line")"; p50="$(sed 's/.* p50_ms=\([^ ]*\).*/\1/' <<<"$line")"
  p99="$(sed 's/.* p99_ms=\([^ ]*\).*/\1/' <<<"$line")"; bad="$(sed 's/.* non2xx=\([^ ]*\).*/\1/' <<<"$line")"
  errors="$(sed 's/.* socket_errors=\([^ ]*\).*/\1/' <<<"$line")"
  echo "$name $side $rps $p50 $p99 $((bad + errors)) $app_ms $pg_ms $sim_ms" >>"$RESULTS"
  log "  $name $side: $rps requests/s, p50 $p50 ms, p99 $p99 ms, non-2xx $bad, socket errors or timeouts $errors;" \
    "CPU ms a request: app $app_ms, PostgreSQL $pg_ms, simulator $sim_ms $(grep '^BENCH sample' "$out" | cut -c1-160 || true)"
}

prime() { # prime URL KEY: one api_stk by hand after a start, so that wrk does not time the first compilations
  curl -sS -o /dev/null --max-time 120 "$1/index.php" --data-urlencode action=api_stk --data-urlencode "api_key=$2" \
    --data-urlencode "phone=0722$(printf '%06d' $((RANDOM * 30 + RANDOM % 30)))" --data-urlencode amount=12
}

# warm_up URL VAR=value…: load that is not counted. The first time a process serves a job it runs BENCH_WARMUP (45 s):
# the portal's throughput more than doubles over its first minute under load while .NET's tiered JIT recompiles its
# hot paths (measured: api_stk 63 → 174 requests/s, its CPU a request 14 → 5.1 ms), and a steady state is what a
# merchant's portal runs in. Later rounds of the same job on the same process warm for 5 s.
warm_up() {
  local pid="$1"
  case "$1" in "$PORTAL"*) pid="$PORTAL_PID" ;; "$FLOOR"*) pid="$FLOOR_PID" ;; esac
  local key="$pid ${*:2}"; key="${key//[^A-Za-z0-9]/_}"
  local duration=5s
  if [[ ! -e "$WORK/warm-$key" ]]; then duration="$WARMUP"; : >"$WORK/warm-$key"; fi
  env BENCH_THREADS="$THREADS" BENCH_OFFSET=900000 "${@:2}" wrk -t"$THREADS" -c"$CONNS" -d"$duration" -s "$LUA" "$1" >/dev/null 2>&1 || true
}

compare() { # compare NAME FLOOR_URL PORTAL_URL VAR=value…: alternating rounds
  local name="$1" floor_url="$2" portal_url="$3"; shift 3
  log "$name: $ROUNDS rounds each of $DURATION, -t$THREADS -c$CONNS, floor and portal alternately"
  warm_up "$floor_url" "$@"; warm_up "$portal_url" "$@"
  for round in $(seq 1 "$ROUNDS"); do
    run_wrk "$name" floor "$floor_url" "$@"
    run_wrk "$name" portal "$portal_url" "$@"
  done
}

ratio() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (b + 0 == 0) print "-"; else printf f, a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v n="$1" -v s="$2" -v c="$3" '$1 == n && $2 == s { print $c }' "$RESULTS"; }

compare api_stk "$FLOOR" "$PORTAL" BENCH_MODE=stk
sleep 2 # the last callbacks land
PORTAL_RSS_STK="$(awk '/^VmRSS/ { print int($2 / 1024) " MB" }' "/proc/$PORTAL_PID/status")"
log "portal resident memory after the api_stk rounds: $PORTAL_RSS_STK"

compare me "$FLOOR" "$PORTAL" BENCH_MODE=me
compare pay_page "$FLOOR/static/pay.html" "$PORTAL/pay/$LINK_ID" BENCH_MODE=get

seed_pending() { # seed_pending PREFIX: CB_ROWS pending rows whose callback tokens are PREFIX0…, checkouts PREFIXco0…
  psql_q -d portal -c "INSERT INTO \"Transactions\" (\"MerchantId\", \"PublicId\", \"PaymentAccountId\", \"PaymentId\",
    \"Amount\", \"Phone\", \"Status\", \"CallbackToken\", \"StatusToken\", \"BusinessShortCode\", \"AccountReference\",
    \"CheckoutRequestId\", \"MerchantRequestId\", \"CreatedAt\", \"QueryCount\")
    SELECT '$MERCHANT_ID', 'txn_$1' || i, $ACCOUNT_ID, '#00001', 10, '2547' || lpad(i::text, 8, '0'), 'pending',
      '$1' || i, '$1st' || i, '123456', 'Bench', '$1co' || i, '$1m' || i, now(), 0
    FROM generate_series(0, $CB_ROWS - 1) AS i; ANALYZE \"Transactions\"" >/dev/null
}
log "callback: $ROUNDS rounds each of $DURATION, each round on its own $CB_ROWS pending rows (seeded by SQL)"
seed_pending cbwf; warm_up "$FLOOR" BENCH_MODE=callback CB_PREFIX=cbwf CB_ROWS="$CB_ROWS"
seed_pending cbwp; warm_up "$PORTAL" BENCH_MODE=callback CB_PREFIX=cbwp CB_ROWS="$CB_ROWS"
for round in $(seq 1 "$ROUNDS"); do
  for side in floor portal; do
    prefix="cb${round}${side:0:1}"
    seed_pending "$prefix"
    url="$FLOOR"; [[ $side == portal ]] && url="$PORTAL"
    run_wrk callback "$side" "$url" BENCH_MODE=callback CB_PREFIX="$prefix" CB_ROWS="$CB_ROWS"
    applied="$(psql_q -d portal -At -c "SELECT count(*) FROM \"Transactions\" WHERE \"CallbackToken\" LIKE '$prefix%' AND \"Status\" = 'succeeded'")"
    log "    $applied of $CB_ROWS rows settled by those callbacks"
  done
done

# ---------------------------------------------------------------- optional phases
EXTRA=()
if [[ "${BENCH_LOGGING:-0}" == 1 ]]; then
  log "logging: api_stk with the default logging vs Logging__LogLevel__Default=Warning, alternately"
  for round in $(seq 1 "$ROUNDS"); do
    start_portal portal-logging.log
    prime "$PORTAL" "$STK_API_KEY"
    warm_up "$PORTAL" BENCH_MODE=stk
    run_wrk api_stk_logging default "$PORTAL" BENCH_MODE=stk
    start_portal portal-logging.log Logging__LogLevel__Default=Warning
    prime "$PORTAL" "$STK_API_KEY"
    warm_up "$PORTAL" BENCH_MODE=stk
    run_wrk api_stk_logging warning "$PORTAL" BENCH_MODE=stk
  done
  start_portal portal.log
  EXTRA+=("logging")
fi

if [[ -n "${BENCH_AB:-}" ]]; then
  read -r -a AB_VARS <<<"$BENCH_AB"
  # As in the data phase: the callback rounds' leftover pending rows would keep the reconciler busy in both sides' rounds.
  psql_q -d portal -c "UPDATE \"Transactions\" SET \"Status\" = 'failed', \"NextCheckAt\" = NULL WHERE \"Status\" = 'pending'" >/dev/null
  log "a/b: api_stk and me as shipped vs with $BENCH_AB, alternately"
  : >"$WORK/ab-rss.txt"
  for round in $(seq 1 "$ROUNDS"); do
    for side in shipped changed; do
      if [[ $side == shipped ]]; then start_portal portal-ab.log; else start_portal portal-ab.log "${AB_VARS[@]}"; fi
      prime "$PORTAL" "$STK_API_KEY"
      warm_up "$PORTAL" BENCH_MODE=stk
      run_wrk api_stk_ab "$side" "$PORTAL" BENCH_MODE=stk
      sleep 2 # the last callbacks land
      echo "$side $(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$PORTAL_PID/status")" >>"$WORK/ab-rss.txt"
      log "    resident memory after the round: $(tail -n1 "$WORK/ab-rss.txt" | cut -d' ' -f2) MB"
      warm_up "$PORTAL" BENCH_MODE=me
      run_wrk me_ab "$side" "$PORTAL" BENCH_MODE=me
    done
  done
  start_portal portal.log
  EXTRA+=("ab")
fi

if [[ "${BENCH_SQLITE:-0}" == 1 ]]; then
  SQLITE="http://127.0.0.1:$(free_port)"
  (cd "$APP_DIR" && exec env ConnectionStrings__Default="Data Source=$WORK/sqlite.db" Mpesa__Mode=Simulator \
    Mpesa__BaseUrl="$SIM" RateLimits__StkPerMinute=100000000 dotnet MerchantPortal.Web.dll --urls "$SQLITE") >"$WORK/sqlite.log" 2>&1 &
  SQLITE_PID=$!
  PIDS+=("$SQLITE_PID")
  wait_healthy "$SQLITE/healthz" "$SQLITE_PID" >/dev/null
  SJAR="$WORK/sqlite-cookies.txt"
  sapi() { curl -sS -c "$SJAR" -b "$SJAR" "$SQLITE/index.php" "$@"; }
  out="$(sapi --data-urlencode action=register --data-urlencode "username=$user" --data-urlencode "email=$user@example.com" \
    --data-urlencode 'password=Bench-Passw0rd!x')"; expect_ok register "$out"
  out="$(sapi --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=123456)"
  expect_ok save_payment_account "$out"
  out="$(sapi --data-urlencode action=generate_api_key --data-urlencode label=bench)"; expect_ok generate_api_key "$out"
  SQLITE_KEY="$(sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p' <<<"$out")"
  log "sqlite: api_stk on SQLite, $ROUNDS rounds of $DURATION, -c$CONNS"
  prime "$SQLITE" "$SQLITE_KEY"
  warm_up "$SQLITE" BENCH_MODE=stk STK_API_KEY="$SQLITE_KEY"
  for round in $(seq 1 "$ROUNDS"); do run_wrk api_stk_sqlite sqlite "$SQLITE" BENCH_MODE=stk STK_API_KEY="$SQLITE_KEY"; done
  SQLITE_LOCKED="$(grep -ci 'database is locked' "$WORK/sqlite.log" || true)"
  stop_pid "$SQLITE_PID"
  EXTRA+=("sqlite")
fi

if [[ "${BENCH_DATA:-0}" == 1 ]]; then
  : >"$WORK/data.txt"
  # The callback rounds leave most of their seeded rows pending: the reconciler would spend this phase sweeping
  # hundreds of thousands of them past its horizon, which no merchant's day looks like. They are closed by SQL first.
  psql_q -d portal -c "UPDATE \"Transactions\" SET \"Status\" = 'failed', \"NextCheckAt\" = NULL WHERE \"Status\" = 'pending'" >/dev/null
  DJAR="$WORK/data-cookies.txt"
  dapi() { curl -sS -c "$DJAR" -b "$DJAR" "$PORTAL/index.php" "$@"; }
  duser="data$(date +%s)$RANDOM"
  out="$(dapi --data-urlencode action=register --data-urlencode "username=$duser" --data-urlencode "email=$duser@example.com" \
    --data-urlencode 'password=Bench-Passw0rd!x')"; expect_ok register "$out"
  out="$(dapi --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=654321)"
  expect_ok save_payment_account "$out"
  out="$(dapi --data-urlencode action=generate_api_key --data-urlencode label=data)"; expect_ok generate_api_key "$out"
  DATA_KEY="$(sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p' <<<"$out")"
  read -r DATA_MERCHANT DATA_ACCOUNT <<<"$(psql_q -d portal -At -F ' ' -c "SELECT a.\"MerchantId\", a.\"Id\" FROM \"PaymentAccounts\" a
    JOIN \"AspNetUsers\" m ON m.\"Id\" = a.\"MerchantId\" WHERE m.\"UserName\" = '$duser'")"
  median_ms() { # median_ms URL CURL_ARGS…: median of 5 GETs, in ms
    for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -w '%{time_total}\n' "$@"; done | median | awk '{ printf "%.0f", $1 * 1000 }'
  }
  seeded=0
  for total in 10000 100000 1000000; do
    log "data: seeding up to $total transactions of one merchant within 30 days"
    psql_q -d portal -c "INSERT INTO \"Transactions\" (\"MerchantId\", \"PublicId\", \"PaymentAccountId\", \"PaymentId\", \"Amount\",
      \"Phone\", \"Status\", \"ResultCode\", \"Receipt\", \"CallbackToken\", \"StatusToken\", \"BusinessShortCode\", \"AccountReference\",
      \"CreatedAt\", \"CompletedAt\", \"QueryCount\")
      SELECT '$DATA_MERCHANT', 'txn_d' || i, $DATA_ACCOUNT, '#00001', 10 + i % 5000, '2547' || lpad((i % 50000)::text, 8, '0'),
        CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'succeeded' END, CASE WHEN i % 10 = 0 THEN '1' ELSE '0' END,
        CASE WHEN i % 10 <> 0 THEN 'D' || lpad(i::text, 9, '0') END, 'dcb' || i, 'dst' || i, '654321', 'Bench',
        now() - ((i % 2592000) || ' seconds')::interval, now() - ((i % 2592000) || ' seconds')::interval, 0
      FROM generate_series($seeded + 1, $total) AS i;
      DELETE FROM \"PaymentDayTotals\" WHERE \"MerchantId\" = '$DATA_MERCHANT';
      INSERT INTO \"PaymentDayTotals\" (\"MerchantId\", \"Day\", \"Status\", \"Slot\", \"Count\", \"Amount\")
      SELECT \"MerchantId\", (\"CreatedAt\" AT TIME ZONE 'UTC' + interval '3 hours')::date, \"Status\", (\"Id\" % 8)::smallint,
        count(*), sum(\"Amount\")
      FROM \"Transactions\" WHERE \"MerchantId\" = '$DATA_MERCHANT' AND \"Status\" <> 'pending' GROUP BY 1, 2, 3, 4;" >/dev/null
    # What autovacuum does to rows that arrive over a month, done at once: read right after a bulk insert, every page
    # is first visited (hint bits written, no visibility map for index-only scans), which is not what a merchant sees.
    psql_q -d portal -c "VACUUM ANALYZE \"Transactions\"" >/dev/null
    seeded=$total
    home="$(median_ms -b "$DJAR" "$PORTAL/Dashboard")"
    page="$(median_ms -b "$DJAR" "$PORTAL/Transactions")"
    action="$(median_ms "$PORTAL/index.php?action=transactions&api_key=$DATA_KEY")"
    csv="$(curl -fsS -b "$DJAR" -o /dev/null -w '%{size_download} %{time_total}' "$PORTAL/Transactions?handler=Csv")"
    rss="$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$PORTAL_PID/status")"
    echo "$total $home $page $action $csv $rss" >>"$WORK/data.txt"
    log "  $total rows: dashboard $home ms, transactions page $page ms, action $action ms, CSV $csv, RSS $rss MB"
  done
  EXTRA+=("data")

  if [[ "${BENCH_DATA_WIDE:-0}" == 1 ]]; then
    # 10M rows across 1,000 merchants: a merchant of its own with 10k payments, timed alone and again once 999 more
    # merchants (copies of its user row with their own ids and names) hold 10k each.
    WJAR="$WORK/wide-cookies.txt"
    wapi() { curl -sS -c "$WJAR" -b "$WJAR" "$PORTAL/index.php" "$@"; }
    wuser="wide$(date +%s)$RANDOM"
    out="$(wapi --data-urlencode action=register --data-urlencode "username=$wuser" --data-urlencode "email=$wuser@example.com" \
      --data-urlencode 'password=Bench-Passw0rd!x')"; expect_ok register "$out"
    out="$(wapi --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=765432)"
    expect_ok save_payment_account "$out"
    out="$(wapi --data-urlencode action=generate_api_key --data-urlencode label=wide)"; expect_ok generate_api_key "$out"
    WIDE_KEY="$(sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p' <<<"$out")"
    read -r WIDE_MERCHANT WIDE_ACCOUNT <<<"$(psql_q -d portal -At -F ' ' -c "SELECT a.\"MerchantId\", a.\"Id\" FROM \"PaymentAccounts\" a
      JOIN \"AspNetUsers\" m ON m.\"Id\" = a.\"MerchantId\" WHERE m.\"UserName\" = '$wuser'")"
    seed_wide() { # seed_wide MERCHANT_ID_SQL FROM TO: 10k payments within 30 days for each merchant the SQL names
      psql_q -d portal -c "INSERT INTO \"Transactions\" (\"MerchantId\", \"PublicId\", \"PaymentAccountId\", \"PaymentId\", \"Amount\",
        \"Phone\", \"Status\", \"ResultCode\", \"Receipt\", \"CallbackToken\", \"StatusToken\", \"BusinessShortCode\", \"AccountReference\",
        \"CreatedAt\", \"CompletedAt\", \"QueryCount\")
        SELECT m.id, 'txn_w' || m.n || '_' || i, $WIDE_ACCOUNT, '#00001', 10 + i % 5000, '2547' || lpad((i % 50000)::text, 8, '0'),
          CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'succeeded' END, CASE WHEN i % 10 = 0 THEN '1' ELSE '0' END,
          CASE WHEN i % 10 <> 0 THEN 'W' || m.n || 'X' || i END, 'wcb' || m.n || '_' || i, 'wst' || m.n || '_' || i, '765432', 'Bench',
          now() - ((i * 259) % 2592000 || ' seconds')::interval, now() - ((i * 259) % 2592000 || ' seconds')::interval, 0
        FROM ($1) AS m(id, n), generate_series(1, 10000) AS i WHERE m.n BETWEEN $2 AND $3" >/dev/null
    }
    time_wide() { # time_wide LABEL: the wide merchant's pages and action, median of 5 each
      psql_q -d portal -c "VACUUM ANALYZE \"Transactions\"" >/dev/null
      local home page action
      home="$(median_ms -b "$WJAR" "$PORTAL/Dashboard")"
      page="$(median_ms -b "$WJAR" "$PORTAL/Transactions")"
      action="$(median_ms "$PORTAL/index.php?action=transactions&api_key=$WIDE_KEY")"
      echo "$1 $home $page $action" >>"$WORK/wide.txt"
      log "  $1: dashboard $home ms, transactions page $page ms, action $action ms"
    }
    : >"$WORK/wide.txt"
    log "wide: one merchant with 10k payments"
    seed_wide "SELECT '$WIDE_MERCHANT', 0" 0 0
    psql_q -d portal -c "INSERT INTO \"PaymentDayTotals\" (\"MerchantId\", \"Day\", \"Status\", \"Slot\", \"Count\", \"Amount\")
      SELECT \"MerchantId\", (\"CreatedAt\" AT TIME ZONE 'UTC' + interval '3 hours')::date, \"Status\", (\"Id\" % 8)::smallint,
        count(*), sum(\"Amount\")
      FROM \"Transactions\" WHERE \"MerchantId\" = '$WIDE_MERCHANT' AND \"Status\" <> 'pending' GROUP BY 1, 2, 3, 4" >/dev/null
    time_wide "10k (1 merchant)"
    log "wide: 999 more merchants with 10k payments each (about 10 minutes)"
    psql_q -d portal -c "INSERT INTO \"AspNetUsers\" SELECT (jsonb_populate_record(u, jsonb_build_object('Id', 'wide-' || i,
        'UserName', 'wide' || i, 'NormalizedUserName', 'WIDE' || i, 'Email', 'wide' || i || '@example.com',
        'NormalizedEmail', 'WIDE' || i || '@EXAMPLE.COM', 'PublicId', 'u_wide' || i))).*
      FROM \"AspNetUsers\" u, generate_series(1, 999) AS i WHERE u.\"Id\" = '$WIDE_MERCHANT'" >/dev/null
    for from in 1 201 401 601 801; do
      seed_wide "SELECT 'wide-' || n, n FROM generate_series(1, 999) AS n" "$from" "$((from + 199))"
    done
    time_wide "10M (1,000 merchants)"
    EXTRA+=("wide")
  fi
fi

# ---------------------------------------------------------------- summary
echo
echo "== portal vs floor ($(date -u +%F), $(nproc) cores, $(uptime | sed 's/.*load average: //') load; PostgreSQL fsync off;"
echo "   wrk -t$THREADS -c$CONNS, $ROUNDS alternating rounds of $DURATION, medians; simulator standalone, callbacks after 1 s) =="
printf '%-10s %12s %12s %7s  %10s %10s  %10s %10s %7s  %s\n' job "floor rps" "portal rps" ratio \
  "floor p50" "portal p50" "floor p99" "portal p99" "p99 x" "failed floor/portal"
for name in api_stk callback me pay_page; do
  frps="$(col "$name" floor 3 | median)"; prps="$(col "$name" portal 3 | median)"
  fp50="$(col "$name" floor 4 | median)"; pp50="$(col "$name" portal 4 | median)"
  fp99="$(col "$name" floor 5 | median)"; pp99="$(col "$name" portal 5 | median)"
  fbad="$(col "$name" floor 6 | awk '{ s += $1 } END { print s + 0 }')"; pbad="$(col "$name" portal 6 | awk '{ s += $1 } END { print s + 0 }')"
  printf '%-10s %12s %12s %7s  %8s ms %8s ms  %8s ms %8s ms %7s  %s\n' "$name" "$frps" "$prps" \
    "$(ratio "$prps" "$frps" %.2fx)" "$fp50" "$pp50" "$fp99" "$pp99" "$(ratio "$pp99" "$fp99" %.1f)" "$fbad/$pbad"
done
echo "ratio: portal/floor requests/s; p99 x: portal p99 / floor p99; failed: non-2xx answers, socket errors and 30 s timeouts"
echo
echo "CPU per answered request (ms, medians of the rounds; user + system time of each process during the round):"
printf '%-10s %10s %10s %12s %12s %12s %12s\n' job "floor app" "portal app" "floor pg" "portal pg" "floor sim" "portal sim"
for name in api_stk callback me pay_page; do
  printf '%-10s %10s %10s %12s %12s %12s %12s\n' "$name" "$(col "$name" floor 7 | median)" "$(col "$name" portal 7 | median)" \
    "$(col "$name" floor 8 | median)" "$(col "$name" portal 8 | median)" "$(col "$name" floor 9 | median)" "$(col "$name" portal 9 | median)"
done
echo "app: the floor or the portal process; pg: PostgreSQL's postmaster and backends; sim: the standalone Daraja simulator"
echo "pay page: $PAY_BYTES bytes (the floor serves a static file of that size)"
echo "portal resident memory after the api_stk rounds: $PORTAL_RSS_STK"
echo "portal cold start to a healthy /healthz on the migrated database: $COLD_START_MS ms (from process start)"
for extra in "${EXTRA[@]}"; do
  case "$extra" in
    logging)
      d="$(col api_stk_logging default 3 | median)"; w="$(col api_stk_logging warning 3 | median)"
      echo "logging: api_stk $d requests/s with the default logging, $w with Warning: $(ratio "$d" "$w" %.2fx)" ;;
    ab)
      for side in shipped changed; do
        echo "a/b $side: api_stk $(col api_stk_ab "$side" 3 | median) requests/s, p50 $(col api_stk_ab "$side" 4 | median) ms," \
          "p99 $(col api_stk_ab "$side" 5 | median) ms, RSS after the rounds $(awk -v s="$side" '$1 == s { printf "%s ", $2 }' "$WORK/ab-rss.txt")MB;" \
          "me $(col me_ab "$side" 3 | median) requests/s, p99 $(col me_ab "$side" 5 | median) ms"
      done
      echo "a/b: changed = $BENCH_AB; changed/shipped api_stk $(ratio "$(col api_stk_ab changed 3 | median)" "$(col api_stk_ab shipped 3 | median)" %.2fx)," \
        "me $(ratio "$(col me_ab changed 3 | median)" "$(col me_ab shipped 3 | median)" %.2fx)" ;;
    sqlite)
      echo "sqlite: api_stk $(col api_stk_sqlite sqlite 3 | median) requests/s, p50 $(col api_stk_sqlite sqlite 4 | median) ms," \
        "p99 $(col api_stk_sqlite sqlite 5 | median) ms; failed $(col api_stk_sqlite sqlite 6 | awk '{ s += $1 } END { print s + 0 }');" \
        "\"database is locked\" in the log: $SQLITE_LOCKED" ;;
    data)
      echo "data (one merchant, rows within 30 days): rows, dashboard ms, transactions page ms, transactions action ms, CSV bytes, CSV s, RSS MB"
      awk '{ printf "  %8d %6d ms %6d ms %6d ms  CSV %.1f MB in %.2f s = %.1f MB/s  RSS %d MB\n", $1, $2, $3, $4, $5 / 1e6, $6, $5 / 1e6 / $6, $7 }' "$WORK/data.txt" ;;
    wide)
      echo "wide (one merchant's 10k payments; the table alone, then with 999 more merchants of 10k): dashboard, transactions page, action"
      sed 's/^/  /' "$WORK/wide.txt" ;;
  esac
done
