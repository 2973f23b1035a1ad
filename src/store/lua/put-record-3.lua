--[[
  Writes a clinician or client record and its phone numbers atomically. A number already owned
  by another record aborts the whole write (nothing changes); numbers the record no longer has
  are released.

  KEYS[1] the record
  KEYS[2] the phone index (hash)
  KEYS[3] the id set of its kind
  ARGV[1] owner tag ("clinician:<id>" | "client:<id>")
  ARGV[2] the record (JSON)
  ARGV[3] id
  ARGV[4…] its numbers

  Returns {'created'}; {'updated'}; {'conflict', <index of the number>, <its owner>}.
]]
--- @include "phone-index"
local phones = {}
for i = 4, #ARGV do
  local owner = redis.call('HGET', KEYS[2], ARGV[i])
  if owner and owner ~= ARGV[1] then return {'conflict', tostring(i - 4), owner} end
  phones[#phones + 1] = ARGV[i]
end
local old = redis.call('GET', KEYS[1])
if old then releasePhones(KEYS[2], old, ARGV[1]) end
claimPhones(KEYS[2], phones, ARGV[1])
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
if old then return {'updated'} end
return {'created'}
