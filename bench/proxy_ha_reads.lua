-- wrk script for bench/proxy_ha_bench.sh: the console's row filling through the balancer ("Get user
-- info" for 200 users in turn, which each proxy instance caches for --user-info-ttl) with an
-- operator's session cookie from ROSTER_COOKIE. Every request is a GET; answers are not parsed.
local cookie = os.getenv("ROSTER_COOKIE") or ""
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/organization/user?userId=" .. (1 + n % 200), {["Cookie"] = cookie})
end
