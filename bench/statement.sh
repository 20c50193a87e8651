#!/usr/bin/env bash
# Statement import: rows per second and the app's memory, on SQLite and on a throwaway PostgreSQL.
#
#   bash bench/statement.sh
#
# Publishes the app, starts one instance per database, registers a merchant with a paybill account, then uploads
# generated M-Pesa statements of BENCH_ROWS lines each (smallest first) through the Reconcile form, as a browser does
# (session cookie, antiforgery token, multipart). Half the lines are payments in the portal has never seen (each
# becomes a not_in_portal row), half are charges. For each upload it prints the seconds the POST took, lines per
# second, the app's resident memory before it and the process's peak resident memory (VmHWM) after it: a peak that
# stays put as the statements grow is the streaming reader doing its job.
# Knobs (env): BENCH_ROWS="100000 300000" BENCH_WITH_PG=1, and those of bench/lib.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v python3 >/dev/null || { echo "error: python3 is not installed" >&2; exit 1; }

ROWS="${BENCH_ROWS:-100000 300000}"
WITH_PG="${BENCH_WITH_PG:-1}"

statement() { # statement ROWS FILE: a statement export with its preamble; even lines are payments in, odd ones charges
  python3 - "$1" "$2" <<'PY'
import sys, datetime
rows, path = int(sys.argv[1]), sys.argv[2]
start = datetime.datetime(2026, 11, 1, 0, 0, 0)
with open(path, "w", newline="") as f:
    f.write("Organisation Name:,Bench Shop\r\nShort Code:,123456\r\n\r\n")
    f.write("Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,"
            "Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.\r\n")
    for i in range(rows):
        at = (start + datetime.timedelta(seconds=i * 7)).strftime("%d-%m-%Y %H:%M:%S")
        receipt = "BN%08d" % i
        if i % 2 == 0:
            f.write(f'{receipt},{at},{at},Pay Bill Online,Completed,"{1000 + i % 500:,}.00",,"{i * 10:,}.00",true,'
                    f'Pay Bill Online,2547****{i % 1000:03d} - JANE DOE,,INV{i}\r\n')
        else:
            f.write(f'{receipt},{at},{at},Business Pay Bill Charge,Completed,,-5.00,"{i * 10:,}.00",true,'
                    f'Pay Bill Fee Charge,,BN{i - 1:08d},\r\n')
PY
}

kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

run() { # run NAME BASE PID
  local name="$1" base="$2" pid="$3" jar="$WORK/$1.jar" user="bench$(date +%s%N)"
  curl -sS -c "$jar" -b "$jar" "$base/index.php" --data-urlencode action=register --data-urlencode "username=$user" \
    --data-urlencode "email=$user@example.com" --data-urlencode 'password=Bench-Passw0rd!x' | grep -q '"status":"ok"' \
    || { echo "error: register failed" >&2; exit 1; }
  curl -sS -c "$jar" -b "$jar" "$base/index.php" --data-urlencode action=save_payment_account --data-urlencode type=paybill \
    --data-urlencode number=123456 | grep -q '"status":"ok"' || { echo "error: save_payment_account failed" >&2; exit 1; }
  for rows in $ROWS; do
    local file="$WORK/statement-$rows.csv"
    [[ -f "$file" ]] || statement "$rows" "$file"
    local token rss before seconds code
    token="$(curl -sS -c "$jar" -b "$jar" "$base/Statements" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)"
    [[ -n "$token" ]] || { echo "error: no antiforgery token on /Statements" >&2; exit 1; }
    before="$(kb "$pid" VmRSS)"
    read -r code seconds < <(curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -c "$jar" -b "$jar" "$base/Statements" \
      -F "__RequestVerificationToken=$token" -F "PaymentId=#00001" -F "Statement=@$file;type=text/csv")
    [[ "$code" == 302 ]] || { echo "error: the upload of $rows lines answered $code" >&2; exit 1; }
    printf '%-9s %8d lines %6.1f MB  %6.2f s  %8.0f lines/s  RSS before %5d MB  peak RSS %5d MB\n' "$name" "$rows" \
      "$(awk -v b="$(stat -c %s "$file")" 'BEGIN {print b / 1048576}')" "$seconds" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN {print r / s}')" \
      "$((before / 1024))" "$(( $(kb "$pid" VmHWM) / 1024 ))"
  done
}

publish_app
start_app sqlite Sqlite "Data Source=$WORK/portal.db" --Logging:LogLevel:Default=Warning
sqlite_base="$BASE"; sqlite_pid="$APP_PID"; wait_healthy "$BASE" "$APP_PID"
if ((WITH_PG)); then
  start_pg
  start_app postgres Postgres "$(pg_database portal)" --Logging:LogLevel:Default=Warning
  postgres_base="$BASE"; postgres_pid="$APP_PID"; wait_healthy "$BASE" "$APP_PID"
fi
log "uploading statements of $ROWS lines"
run sqlite "$sqlite_base" "$sqlite_pid"
((WITH_PG)) && run postgres "$postgres_base" "$postgres_pid"
log "done"
