-- wrk: GET a rotating list of pages, each with its own cookie.
--   wrk ... -s get.lua URL -- FILE
-- FILE: one "PATH<TAB>COOKIE" a line (COOKIE "-" for none). Each thread starts at its own
-- offset.
local entries = {}
local i = 0
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local path, cookie = line:match("^([^\t]+)\t([^\t]+)$")
    if path then
      entries[#entries + 1] = {path, cookie ~= "-" and cookie or nil}
    end
  end
  i = ((tid or 0) * 7919) % #entries
end

function request()
  i = i % #entries + 1
  local e = entries[i]
  local headers = {}
  if e[2] then
    headers["Cookie"] = e[2]
  end
  return wrk.format("GET", e[1], headers)
end
