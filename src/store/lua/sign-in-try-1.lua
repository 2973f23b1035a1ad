--[[
  Counts one try at a console sign-in code waiting for a phone; past the limit the code is gone,
  so a guesser gets a handful of tries per code, never more.

  KEYS[1] the waiting code (hash: person, hash, tries)
  ARGV[1] the tries a code allows

  Returns {'found', person id, digest of the code}; {'none'}: no code waits (never asked, used,
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
