-- One benchmark scenario for wrk: cycles through prepared requests (one per signed-in
-- person, say) and prints the figures bench/run.py reads as one JSON line.
--
-- Usage: wrk -t2 -c16 -d20s --latency -s bench/wrk/scenario.lua URL -- REQUESTS_FILE STATUS
-- REQUESTS_FILE: one request a line, tab-separated: METHOD, PATH, BODY (may be empty),
-- then any number of "Name: value" headers. STATUS: the one status a response may have
-- (any other counts as an error, redirects included: a redirect to the sign-in page
-- would otherwise pass for success).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local index = 0
local expected = 200
unexpected = 0
statuses = ""

local seen = {}

function init(args)
  expected = tonumber(args[2] or "200")
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      fields[#fields + 1] = field
    end
    local headers = {}
    for i = 4, #fields do
      local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
      if name then headers[name] = value end
    end
    local body = nil
    if fields[3] ~= "" then body = fields[3] end
    requests[#requests + 1] = wrk.format(fields[1], fields[2], headers, body)
  end
  file:close()
  assert(#requests > 0, "no requests in " .. args[1])
  -- Threads start at different places in the list, so they don't march in step.
  index = (id * math.floor(#requests / 2 + 1)) % #requests
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
    local key = tostring(status)
    seen[key] = (seen[key] or 0) + 1
    local parts = {}
    for code, n in pairs(seen) do parts[#parts + 1] = code .. "=" .. n end
    statuses = table.concat(parts, ",")
  end
end

function done(summary, latency, requests)
  local wrong, counts, codes = 0, {}, {}
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("unexpected") or 0)
    for code, n in (thread:get("statuses") or ""):gmatch("(%d+)=(%d+)") do
      counts[code] = (counts[code] or 0) + tonumber(n)
    end
  end
  for code, n in pairs(counts) do codes[#codes + 1] = code .. "=" .. n end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
      .. '"status_errors": %d, "unexpected_status": %d, "statuses": "%s"}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, e.connect, e.read, e.write, e.timeout, e.status, wrong,
    table.concat(codes, ",")))
end
