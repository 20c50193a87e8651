-- wrk script for bench/compare.sh: the same requests to the portal and to the floor (bench/floor).
--   BENCH_MODE=stk      POST /index.php action=api_stk, a different phone on every request (no duplicate guard hit)
--   BENCH_MODE=me       GET /index.php?action=me&api_key=…
--   BENCH_MODE=callback POST a Daraja STK callback to /hooks/stk/<CB_PREFIX><n>, n cycling through 0..CB_ROWS-1 (rows
--                       compare.sh seeded as pending: token <prefix><n>, checkout <prefix>co<n>, amount 10)
--   BENCH_MODE=get      GET the URL given to wrk (the pay page, or the floor's static file of the same size)
-- STK_API_KEY, BENCH_OFFSET (first phone number of this run), BENCH_THREADS (wrk -t).
-- done() prints one line: BENCH mode=… rps=… p50_ms=… p99_ms=… non2xx=…

local mode = os.getenv("BENCH_MODE") or "stk"
local key = os.getenv("STK_API_KEY") or ""
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local prefix = os.getenv("CB_PREFIX") or "cb"
local rows = tonumber(os.getenv("CB_ROWS") or "1")

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  sample = nil
  counter = 0
end

local function next_n()
  local n = counter * nthreads + id
  counter = counter + 1
  return n
end

function request()
  if mode == "me" then
    return wrk.format("GET", "/index.php?action=me&api_key=" .. urlencode(key))
  elseif mode == "get" then
    return wrk.format("GET") -- the URL's own path
  elseif mode == "callback" then
    local n = next_n() % rows
    local body = string.format(
      '{"Body":{"stkCallback":{"MerchantRequestID":"%sm%d","CheckoutRequestID":"%sco%d","ResultCode":0,' ..
      '"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[' ..
      '{"Name":"Amount","Value":10},{"Name":"MpesaReceiptNumber","Value":"R%s%d"},' ..
      '{"Name":"TransactionDate","Value":20260101120000},{"Name":"PhoneNumber","Value":2547%08d}]}}}}',
      prefix, n, prefix, n, prefix, n, n)
    return wrk.format("POST", "/hooks/stk/" .. prefix .. n, { ["Content-Type"] = "application/json" }, body)
  else
    local phone = string.format("0711%06d", (offset + next_n()) % 1000000)
    return wrk.format("POST", "/index.php", { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "action=api_stk&api_key=" .. urlencode(key) .. "&phone=" .. phone .. "&amount=10")
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if sample == nil then sample = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    first = first or t:get("sample")
  end
  local e = summary.errors
  io.write(string.format("BENCH mode=%s requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    mode, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout))
  if first then io.write("BENCH sample: " .. first .. "\n") end
end
