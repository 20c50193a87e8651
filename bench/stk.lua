-- wrk script for the STK push API: POST /index.php action=api_stk with an API key.
--   STK_API_KEY=sk_... wrk -t2 -c16 -d20s --latency -s bench/stk.lua http://127.0.0.1:PORT/index.php
-- Optional: STK_PHONE (default: a fresh number per call, so the duplicate guard never answers 409 and every call does
--           a payment's whole work; set it to measure that guard's refusals), STK_AMOUNT (default 10),
--           BENCH_MODE=me to send GET ?action=me&api_key=... instead (cost of key auth alone),
--           BENCH_MODE=list to send GET ?action=transactions&api_key=...&<BENCH_QUERY> (listing and filters).
-- Counts every non-200 response per status and prints them in done().

local key = os.getenv("STK_API_KEY")
if key == nil or key == "" then
  error("STK_API_KEY is not set")
end
local phone = os.getenv("STK_PHONE")
local amount = os.getenv("STK_AMOUNT") or "10"
local mode = os.getenv("BENCH_MODE") or "stk"

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  non200 = {}    -- per-thread: status -> count
  sample = nil   -- first non-200 body seen by this thread
  if mode == "me" then
    wrk.method = "GET"
    wrk.body = nil
    req = wrk.format("GET", wrk.path .. "?action=me&api_key=" .. urlencode(key))
  elseif mode == "list" then
    wrk.method = "GET"
    wrk.body = nil
    local query = os.getenv("BENCH_QUERY") or ""
    req = wrk.format("GET", wrk.path .. "?action=transactions&api_key=" .. urlencode(key) .. (query ~= "" and ("&" .. query) or ""))
  else
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    wrk.body = "action=api_stk&api_key=" .. urlencode(key) .. "&phone=" .. urlencode(phone or "0712345678")
      .. "&amount=" .. urlencode(amount)
    req = wrk.format()
  end
  counter = 0
end

function request()
  if mode == "stk" and phone == nil then
    -- 07 + two digits of this thread + six of its counter (clear of the simulator's 07080000xx test phones)
    counter = counter + 1
    wrk.body = string.format("action=api_stk&api_key=%s&phone=07%02d%06d&amount=%s", urlencode(key), id, counter % 1000000,
      urlencode(amount))
    return wrk.format()
  end
  return req
end

function response(status, headers, body)
  if status ~= 200 then
    non200[status] = (non200[status] or 0) + 1
    if sample == nil then
      sample = string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local total = {}
  local any = false
  local firstSample = nil
  for _, t in ipairs(threads) do
    local n = t:get("non200")
    if n then
      for status, count in pairs(n) do
        total[status] = (total[status] or 0) + count
        any = true
      end
    end
    if firstSample == nil then firstSample = t:get("sample") end
  end
  local errs = summary.errors
  io.write(string.format("BENCH mode=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    mode, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("BENCH socket_errors connect=%d read=%d write=%d timeout=%d\n",
    errs.connect, errs.read, errs.write, errs.timeout))
  if any then
    for status, count in pairs(total) do
      io.write(string.format("BENCH non200 status=%d count=%d\n", status, count))
    end
    if firstSample then io.write("BENCH non200 sample body: " .. firstSample .. "\n") end
  else
    io.write("BENCH non200 none\n")
  end
end
