--[[
  The owner of a number and its record in one round trip: the owner tag ("client:<id>") is also
  the record's key under the prefix.

  KEYS[1] the phone index (hash)
  ARGV[1] the number (E.164)
  ARGV[2] the key prefix

  Returns {'found', <owner tag>, <record JSON or false>}; {'none'}.
]]
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if not owner then return {'none'} end
return {'found', owner, redis.call('GET', ARGV[2] .. ':' .. owner)}
