-- wrk script for the Dateline benchmarks (bench/wrk.ts runs it; see bench/README.md).
--
--   wrk -t1 -c50 -d5s --latency -H 'Accept-Encoding: gzip' -s bench/wrk-paths.lua http://127.0.0.1:PORT -- FILE [MODE]
--
-- MODE "paths" (default): FILE holds one path a line; GETs cycle through them, every connection taking the
-- next one, so each path gets an even share. The requests are formatted once, in init: per request wrk then
-- only hands over a prepared string, which keeps its own cost far below the server's.
--
-- MODE "beacons": FILE holds one POST body a line (a view beacon for one article); the n-th request comes
-- from fake visitor n mod VISITORS (an X-Forwarded-For of 10.x.y.z, never contacted) and carries body
-- (7 * visitor + n div VISITORS) mod #bodies, so no visitor-article pair repeats within a run. These are
-- formatted per request, as each one differs. Optional FILE beacons VISITORS FIRST: FIRST is where the sequence
-- starts (the previous run's end).
--
-- WRK_DELAY_MS (environment) makes each connection wait that long before every request: a rough rate
-- limit for the rated beacon run (wrk has no fixed-rate mode). It must be read at the top level, because
-- wrk decides whether to call delay() from the script's first load, before init.
--
-- done() prints one line, "wrk-json {...}", for bench/wrk.ts to parse.

local requests = {}
local bodies = {}
local mode = "paths"
local visitors = 200000
local n = 0
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "")

local function read_lines(file)
  local lines = {}
  local f = assert(io.open(file, "r"), "wrk-paths.lua: cannot open " .. tostring(file))
  for line in f:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  assert(#lines > 0, "wrk-paths.lua: " .. file .. " has no lines")
  return lines
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

function init(args)
  mode = args[2] or "paths"
  if mode == "beacons" then
    bodies = read_lines(args[1])
    visitors = tonumber(args[3] or "") or visitors
    -- Where the previous run of the same sequence stopped, so a later run sends new visitor-article pairs.
    n = tonumber(args[4] or "") or 0
  else
    for i, path in ipairs(read_lines(args[1])) do
      requests[i] = wrk.format("GET", path)
    end
  end
end

local function beacon()
  local v = n % visitors
  local k = math.floor(n / visitors)
  local headers = copy(wrk.headers)
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(v / 65536) % 256, math.floor(v / 256) % 256,
    v % 256)
  return wrk.format("POST", "/api/views", headers, bodies[(v * 7 + k) % #bodies + 1])
end

function request()
  n = n + 1
  if mode == "beacons" then return beacon() end
  return requests[(n - 1) % #requests + 1]
end

if delay_ms and delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'wrk-json {"requests":%d,"durationUs":%d,"bytes":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
      '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d,"statusErrors":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
