-- wrk script: the console's reads in turn (users list pages deep and shallow, searches as typed, of
-- three to six characters in Latin and Cyrillic, matching some or no one, sorted pages, user
-- detail, devices pages, actions log), with a bearer token from ROSTER_TOKEN. One- and two-character
-- searches, fragments matching every user and device search are the search benchmark's rows: their
-- cost is the search index's, not the HTTP layer's (a device search scans every device today).
-- Every request is a GET; answers are not parsed.
local token = os.getenv("ROSTER_TOKEN") or ""
local users = tonumber(os.getenv("ROSTER_USERS") or "1000000")
local paths = {}
local function add(p) paths[#paths + 1] = p end
local base = "/api/v1/organization"
for page = 0, 9 do add(base .. "/users?includeSubOrgUsers=true&size=50&page=" .. page * 37) end
for _, q in ipairs({"ann", "mar", "olek", "ivanov", "zzzq", "%D0%BE%D0%BB%D0%B5", "%CE%BD%CE%B9%CE%BA"}) do
  add(base .. "/search/users?size=50&query=" .. q)
end
for _, s in ipairs({"Name", "Email", "Registered%20At", "Status"}) do
  add(base .. "/users?includeSubOrgUsers=true&size=50&sortBy=" .. s)
  add(base .. "/search/users?size=50&query=mar&sortBy=" .. s .. "&sortOrder=DESC")
end
for i = 1, 10 do add(base .. "/user?userId=" .. (1 + (i * 99991) % users)) end
for page = 0, 2 do add(base .. "/devices?includeSubOrgDevices=true&size=50&page=" .. page * 101) end
for i = 1, 5 do add(base .. "/user/actions-log?size=50&userId=" .. (1 + (i * 7919) % users)) end

local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], {["Authorization"] = "Bearer " .. token})
end
