-- wrk: request the paths of a file in turn, with an API token.
--   wrk ... -s bench/wrk_paths.lua URL -- PATHS_FILE TOKEN
local paths, token = {}, nil
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  token = args[2]
  -- each thread starts at a different place in the list
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], { ["Authorization"] = "Bearer " .. token })
end

-- Anything but 200 is an error of this benchmark.
local bad = 0
function response(status)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non200 %d\n", summary.errors.status))
end
