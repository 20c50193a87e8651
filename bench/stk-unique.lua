-- POST /index.php action=api_stk, every call from its own phone number, so the duplicate guard (one pending push
-- per phone and amount) never answers 409 and every call does a payment's whole work (bench/stk.lua sends one
-- phone). Prints the non-200 answers per status like bench/stk.lua.
--   STK_API_KEY=sk_... wrk -t2 -c32 -d10s --latency -s bench/stk-unique.lua http://127.0.0.1:PORT/index.php
local key = os.getenv("STK_API_KEY") or error("STK_API_KEY is not set")
key = key:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end)
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  non200 = {}
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  counter = counter + 1
  -- 07 + two digits of this thread + six of its counter: a fresh Kenyan mobile number per call
  wrk.body = string.format("action=api_stk&api_key=%s&phone=07%02d%06d&amount=10", key, id, counter % 1000000)
  return wrk.format()
end

function response(status, headers, body)
  if status ~= 200 then
    non200[status] = (non200[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("non200") or {}) do
      io.write(string.format("BENCH non200 status=%d count=%d\n", status, count))
    end
  end
  io.write(string.format("BENCH socket_errors connect=%d read=%d write=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
