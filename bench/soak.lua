-- Mixed creator traffic for bench/run's soak: reads, goal writes, check-ins and event
-- answers, each creator with their own token. Acknowledged writes are appended to files so
-- the script can read every one of them back afterwards.
local creators = {}
for line in io.lines(os.getenv("SOAK_CREATORS")) do
  local fields = {}
  for field in line:gmatch("%S+") do fields[#fields + 1] = field end
  creators[#creators + 1] = { token = fields[1], events = { select(2, (table.unpack or unpack)(fields)) } }
end

local counter = 0
local out = nil

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  out = io.open(os.getenv("SOAK_ACKS") .. "." .. id, "a")
  math.randomseed(id * 7919)
end

local reads = { "/api/creator/overview", "/api/creator/goals", "/api/creator/events", "/api/creator/tasks",
  "/api/creator/insights", "/api/creator/revenue-summary", "/api/creator/notifications" }
local n = 0

function request()
  n = n + 1
  local c = creators[math.random(#creators)]
  local headers = { Authorization = "Bearer " .. c.token, ["Content-Type"] = "application/json" }
  local roll = math.random(100)
  if roll <= 70 then
    return wrk.format("GET", reads[math.random(#reads)], headers)
  elseif roll <= 82 then
    local body = string.format('{"goalType":"content","title":"soak %d-%d"}', id, n)
    return wrk.format("POST", "/api/creator/goals", headers, body)
  elseif roll <= 94 then
    return wrk.format("POST", "/api/creator/wellness-checkin", headers,
      string.format('{"energyLevel":%d,"workload":"busy","notes":"soak %d-%d"}', math.random(5), id, n))
  elseif #c.events > 0 then
    local event = c.events[math.random(#c.events)]
    local action = math.random(2) == 1 and "accept" or "decline"
    return wrk.format("POST", "/api/creator/events/" .. event .. "/" .. action, headers, "{}")
  else
    return wrk.format("GET", "/api/creator/overview", headers)
  end
end

function response(status, headers, body)
  if status == 201 and body then
    local kind = body:find('"goalType"', 1, true) and "goal" or (body:find('"energyLevel"', 1, true) and "checkin")
    local id = body:match('"id":"([0-9a-f%-]+)"')
    if kind and id then out:write(kind, " ", id, "\n") end
  end
  if status >= 500 then out:write("5xx ", status, "\n") end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d non-2xx/3xx, %d socket errors\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
