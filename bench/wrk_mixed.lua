-- wrk: a mixed load with an API token: of every 20 requests, 12 read a
-- person, 5 search by name, 3 change a person (PATCH, a field that
-- changes every time, so each is a real write with its audit entry).
--   wrk ... -s bench/wrk_mixed.lua URL -- PERSON_PATHS SEARCH_PATHS TOKEN
local persons, searches, token = {}, {}, nil
local counter, writes = 0, 0

-- Each thread its own number: their random starts would otherwise be the
-- same, and the second thread's writes repeat the first's (unchanged
-- values write nothing).
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do persons[#persons + 1] = line end
  for line in io.lines(args[2]) do searches[#searches + 1] = line end
  token = args[3]
  counter = math.random(#persons) + id * 104729
end

function request()
  counter = counter + 1
  local k = counter % 20
  local auth = { ["Authorization"] = "Bearer " .. token }
  if k < 12 then
    return wrk.format("GET", persons[counter % #persons + 1], auth)
  elseif k < 17 then
    return wrk.format("GET", searches[counter % #searches + 1], auth)
  end
  writes = writes + 1
  auth["Content-Type"] = "application/json"
  return wrk.format("PATCH", persons[(counter * 7) % #persons + 1], auth,
    string.format('{"unit":"soak %d-%d-%d"}', id, counter, writes))
end

-- Anything but a 2xx is an error of this benchmark; the first few are
-- printed with their status, for the reader to see what failed.
local shown = 0
function response(status, headers, body)
  if status >= 300 and shown < 5 then
    shown = shown + 1
    io.stderr:write(string.format("status %d: %s\n", status, string.sub(body or "", 1, 200)))
  end
end

function done(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
