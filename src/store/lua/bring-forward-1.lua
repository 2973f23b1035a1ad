--[[
  Brings a page's next step forward to now (PASS, a number that cannot be reached).

  KEYS[1] the due steps (zset)
  ARGV[1] the due member of the step
  ARGV[2] now (ms)

  Returns {'moved'}; {'absent'}: the step is not due (claimed already, or the page was taken).
]]
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  return {'moved'}
end
return {'absent'}
