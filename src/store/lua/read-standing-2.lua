--[[
  Ages out what is due, then reads a client's standing totals.

  KEYS[1] the standing totals (hash)
  KEYS[2] the aging set
  ARGV[1] now (ms)
  ARGV[2] contact key prefix

  Returns {'ok', field, value, field, value…}.
]]
--- @include "age"
age(KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2])
local totals = redis.call('HGETALL', KEYS[1])
table.insert(totals, 1, 'ok')
return totals
