# Shared by bench/logging.sh, bench/sqlite.sh and bench/coldstart.sh (sourced, not run).
# Everything started through these functions is stopped and removed by bench_cleanup on exit.
# Knobs (env): BENCH_APP_DIR=<already published app dir: skips the publish>,
#   PG_BIN=<dir with initdb/pg_ctl> (default: newest /usr/lib/postgresql/*/bin), BENCH_KEEP_LOGS=<dir to copy the
#   apps' console and wrk's output to on exit>.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUA="$REPO/bench/stk-unique.lua"
WORK="$(mktemp -d -t mp-bench.XXXXXX)"
chmod 755 "$WORK"
APP_PIDS=()
PG_STARTED=0
PGDATA="$WORK/pgdata"

for tool in wrk curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 1; }
done

t0=$SECONDS
log() { printf '[%4ss] %s\n' "$((SECONDS - t0))" "$*" >&2; }

as_pg() { # a PostgreSQL binary as the postgres user when we are root (initdb refuses root)
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local rc=$?
  set +e
  for pid in "${APP_PIDS[@]}"; do stop_pid "$pid"; done
  if ((rc != 0)); then
    for f in "$WORK"/*.log; do [[ -f "$f" ]] && { echo "--- last lines of $f ---" >&2; tail -n 30 "$f" >&2; }; done
  fi
  ((PG_STARTED)) && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
  [[ -n "${BENCH_KEEP_LOGS:-}" ]] && mkdir -p "$BENCH_KEEP_LOGS" && cp "$WORK"/*.log "$WORK"/wrk-*.txt "$BENCH_KEEP_LOGS"/ 2>/dev/null
  rm -rf "$WORK"
  exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_pg() { # a throwaway PostgreSQL (fsync=off: bench only); sets PG_PORT
  if [[ -z "${PG_BIN:-}" ]]; then PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"; fi
  [[ -x "${PG_BIN:-}/initdb" ]] || { echo "error: no initdb (set PG_BIN or apt-get install postgresql)" >&2; exit 1; }
  PG_PORT="$(free_port)"
  mkdir -p "$PGDATA" "$WORK/pgsock"
  [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$PGDATA" "$WORK/pgsock"
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U bench -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.out" 2>&1 \
    || { cat "$WORK/initdb.out" >&2; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
    -o "-p $PG_PORT -k $WORK/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  PG_STARTED=1
  log "PostgreSQL on 127.0.0.1:$PG_PORT (fsync=off: not durable, bench only)"
}

pg_database() { # pg_database NAME -> a connection string to a new database
  psql -h 127.0.0.1 -p "$PG_PORT" -U bench -X -q -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=bench;Database=$1"
}

publish_app() { # sets APP_DIR
  if [[ -n "${BENCH_APP_DIR:-}" ]]; then APP_DIR="$BENCH_APP_DIR"; log "using the published app in $APP_DIR"; return; fi
  APP_DIR="$WORK/app"
  log "dotnet publish MerchantPortal.Web -c Release"
  (cd "$REPO" && dotnet publish MerchantPortal.Web -c Release -o "$APP_DIR" --nologo -v quiet) >"$WORK/publish.out" 2>&1 \
    || { cat "$WORK/publish.out" >&2; exit 1; }
}

# start_app NAME PROVIDER CONNECTION [--Key=Value ...]: the app in simulator mode on a free port, its console to
# $WORK/NAME.log; sets APP_PID and BASE. The command-line settings come last, so they win over appsettings.json.
start_app() {
  local name="$1" provider="$2" conn="$3"; shift 3
  local port; port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  mkdir -p "$WORK/$name"
  (
    cd "$WORK/$name"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
    exec dotnet "$APP_DIR/MerchantPortal.Web.dll" --contentRoot "$APP_DIR" --urls "$BASE" \
      --Database:Provider="$provider" --ConnectionStrings:Default="$conn" \
      --Mpesa:Mode=Simulator --Mpesa:Simulator:LockSubscriber=false --Mpesa:Simulator:CallbackDelaySeconds=1 \
      --RateLimits:StkPerMinute=1000000 "$@"
  ) >"$WORK/$name.log" 2>&1 &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
}

wait_healthy() { # wait_healthy BASE PID: polls /healthz every 20 ms until it answers 200
  local base="$1" pid="$2"
  for _ in $(seq 1 3000); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" 2>/dev/null)" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "error: the app exited during start-up" >&2; exit 1; }
    sleep 0.02
  done
  echo "error: /healthz not ready after 60 s" >&2; exit 1
}

make_key() { # make_key BASE -> registers a merchant with a paybill account and prints a new API key
  local base="$1" jar; jar="$(mktemp "$WORK/jar.XXXXXX")"
  local user="bench$(date +%s%N)"
  api() { curl -sS -c "$jar" -b "$jar" "$base/index.php" "$@"; }
  api --data-urlencode action=register --data-urlencode "username=$user" --data-urlencode "email=$user@example.com" \
    --data-urlencode 'password=Bench-Passw0rd!x' | grep -q '"status":"ok"' || { echo "error: register failed" >&2; exit 1; }
  api --data-urlencode action=save_payment_account --data-urlencode type=paybill --data-urlencode number=123456 \
    | grep -q '"status":"ok"' || { echo "error: save_payment_account failed" >&2; exit 1; }
  api --data-urlencode action=generate_api_key --data-urlencode label=bench | sed -n 's/.*"key":"\(sk_[^"]*\)".*/\1/p'
}

# run_wrk LABEL BASE KEY DURATION CONNECTIONS: api_stk from a fresh phone per call; wrk's output to $WORK/wrk-LABEL.txt
run_wrk() {
  local f="$WORK/wrk-$1.txt"
  STK_API_KEY="$3" wrk -t2 -c"$5" -d"$4" --timeout 30s --latency -s "$LUA" "$2/index.php" >"$f" 2>&1 \
    || { cat "$f" >&2; exit 1; }
}

wrk_rps() { awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$1.txt"; }
wrk_p() { awk -v p="$2%" '$1 == p {print $2; exit}' "$WORK/wrk-$1.txt"; }
wrk_non200() { { grep '^BENCH non200 status' "$WORK/wrk-$1.txt" || true; } | sed 's/^BENCH non200 //' | tr '\n' ' '; }
wrk_timeouts() { sed -n 's/^BENCH socket_errors.*timeout=\([0-9]*\).*/\1/p' "$WORK/wrk-$1.txt"; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
