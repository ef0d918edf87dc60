-- wrk: logins (POST .../dang-nhap) of a rotating list of accounts, with the anonymous CSRF
-- token as cookie and form field, as the login form sends them.
--   wrk ... -s login.lua URL -- FILE PASSWORD CSRF COOKIE_NAME PATH
local phones = {}
local i = 0
local counter = 0
local password, csrf, cookie, path

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      phones[#phones + 1] = line
    end
  end
  password, csrf, cookie, path = args[2], args[3], args[4], args[5]
  i = ((tid or 0) * 997) % #phones
end

function request()
  i = i % #phones + 1
  local body = "phone=" .. phones[i] .. "&password=" .. password .. "&csrf=" .. csrf
  return wrk.format("POST", path, {["Cookie"] = cookie .. "=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
