--[[
  Counts one try at the console sign-in codes waiting for a phone; past the limit they are gone,
  so a guesser gets a handful of tries, never more, however often the number asks.

  KEYS[1] the waiting codes (hash: person, hash = digests separated by spaces, tries)
  ARGV[1] the tries a code allows

  Returns {'found', person id, the codes' digests}; {'none'}: no code waits (never asked, used,
  expired, or out of tries).
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return {'none'} end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
if tries > tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return {'none'}
end
local found = redis.call('HMGET', KEYS[1], 'person', 'hash')
return {'found', found[1], found[2]}
