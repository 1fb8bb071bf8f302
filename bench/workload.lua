-- wrk script: POST one workload query (WRK_QUERY, JSON-encoded by bench/run)
-- and count answers that carry GraphQL errors, which wrk itself would count
-- as successes (they come with status 200).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("WRK_BODY")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  graphql_errors = 0
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"data"', 1, true) or body:find('"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, t in ipairs(threads) do
    errors = errors + t:get("graphql_errors")
  end
  io.write(string.format("graphql_errors\t%d\n", errors))
  io.write(string.format("latency_p50_ms\t%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency_p99_ms\t%.2f\n", latency:percentile(99) / 1000))
end
