-- wrk: autosave POSTs, as the quiz page's script sends them (POST .../bai-thi/ID/luu).
--   wrk -t T ... -s autosave.lua URL -- FILE T
-- FILE: "PATH<TAB>COOKIE<TAB>CSRF<TAB>PLACE1<TAB>PLACE2" a line, one open attempt each; an
-- option is named by its place in the order shown (1..n), as the page's form names it.
-- Thread k saves only the attempts k, k+T, k+2T, ... with its own increasing sequence
-- number, so no two saves of one attempt race (each is a real write, never "stale"); the
-- answer alternates between two options (places) of question 1.
local entries = {}
local i, seq, nthreads = 0, 0, 1
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local p, c, t, a, b = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if p then
      entries[#entries + 1] = {p, c, t, a, b}
    end
  end
  nthreads = tonumber(args[2])
  i = tid or 0
end

function request()
  local e = entries[i + 1]
  i = i + nthreads
  if i >= #entries then
    i = tid or 0
  end
  seq = seq + 1
  local choice = (seq % 2 == 0) and e[4] or e[5]
  local body = "csrf=" .. e[3] .. "&seq=" .. seq .. "&position=1&choice=" .. choice
  return wrk.format("POST", e[1], {["Cookie"] = e[2],
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
