-- wrk script: the console's reads in turn (users list pages, searches of one to six characters,
-- sorted pages, user detail, devices, device search, actions log), with a bearer token from the
-- ROSTER_TOKEN environment variable. Every request is a GET; responses are not parsed.
local token = os.getenv("ROSTER_TOKEN") or ""
local users = tonumber(os.getenv("ROSTER_USERS") or "1000000")
local paths = {}
local function add(p) paths[#paths + 1] = p end
local base = "/api/v1/organization"
for page = 0, 9 do add(base .. "/users?includeSubOrgUsers=true&size=50&page=" .. page * 37) end
for _, q in ipairs({"a", "an", "ann", "mar", "olek", "ivanov", "zzzq", "%D0%BE%D0%BB", "example"}) do
  add(base .. "/search/users?size=50&query=" .. q)
end
for _, s in ipairs({"Name", "Email", "Registered%20At", "Last%20Login"}) do
  add(base .. "/users?includeSubOrgUsers=true&size=50&sortBy=" .. s)
  add(base .. "/search/users?size=50&query=mar&sortBy=" .. s .. "&sortOrder=DESC")
end
for i = 1, 10 do add(base .. "/user?userId=" .. (1 + (i * 99991) % users)) end
add(base .. "/devices?includeSubOrgDevices=true&size=50")
add(base .. "/search/devices?size=50&query=sensor")
for i = 1, 5 do add(base .. "/user/actions-log?size=50&userId=" .. (1 + (i * 7919) % users)) end

local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], {["Authorization"] = "Bearer " .. token})
end
