-- wrk script: concurrent writers, the console's edit of a user (PUT /api/v1/organization/user with a
-- new nickname), spread over the first 100,000 users, with a bearer token from ROSTER_TOKEN.
local token = os.getenv("ROSTER_TOKEN") or ""
local n = 0
request = function()
  n = n + 1
  local id = 1 + (n * 7919) % 100000
  return wrk.format("PUT", "/api/v1/organization/user?userId=" .. id,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"},
    '{"nickName":"load-' .. n .. '"}')
end
