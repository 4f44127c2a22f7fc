-- wrk: refresh_token rotation over a pool of single-use tokens. Each thread takes its share of the pool
-- (TOKENS file, one per line); every request uses one token and every response gives back its successor.
-- The headers are built once per thread: wrk shares the 2 cores with the server, so its per-request Lua is kept small.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  pool = {}
  local n = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if n % tonumber(os.getenv("THREADS")) == id then table.insert(pool, line) end
    n = n + 1
  end
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. os.getenv("AUTH"),
  }
end

function request()
  local token = table.remove(pool, 1) or "rt_exhausted"
  return wrk.format("POST", "/oauth/token", headers, "grant_type=refresh_token&refresh_token=" .. token)
end

-- Plain finds, not a pattern match: the token sits near the end of the body, and wrk's CPU is the server's loss.
function response(status, headers, body)
  local _, last = string.find(body, '"refresh_token":"', 1, true)
  if last then
    local close = string.find(body, '"', last + 1, true)
    if close then table.insert(pool, string.sub(body, last + 1, close - 1)) end
  end
end
