--[[
  Appends an entry and, in the same step, drops every entry older than the retention. The cut is
  taken from Redis's own clock, the clock that stamps the stream ids, so a skewed web process can
  neither keep entries too long nor cut fresh ones.

  KEYS[1] the audit stream
  ARGV[1] the retention (ms)
  ARGV[2] the entry (JSON)

  Returns {'ok', <stream id>}.
]]
local t = redis.call('TIME')
local cut = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[1])
if cut < 0 then cut = 0 end
return {'ok', redis.call('XADD', KEYS[1], 'MINID', string.format('%.0f', cut), '*', 'entry', ARGV[2])}
