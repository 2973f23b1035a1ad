--[[
  Creates or updates a contact and moves its client's standing totals in the same atomic step, so
  the totals can never disagree with the records. Creation is keyed by the Twilio SID: a replayed
  or concurrent duplicate webhook finds the first contact instead of making a second. A contact
  only moves the totals while it is inside their window.

  KEYS[1] the contact        KEYS[2] the standing totals (hash)   KEYS[3] the source's key
  KEYS[4] contacts by time   KEYS[5] the client's contacts        KEYS[6] the aging set
  ARGV[1] the contact (JSON) ARGV[2] expected version ('0' creates) ARGV[3] id
  ARGV[4] at (ms)            ARGV[5] now (ms)   ARGV[6] counted ('1' | '0')   ARGV[7] contact key prefix
  ARGV[8] listed under its client ('1' | '0'): a check-in contact is listed but never counted

  Returns {'ok', <id>}; {'exists', <id of the first contact>}; {'missing'}; {'stale'}: the
  version moved (retry).
]]
--- @include "age"
local new = cjson.decode(ARGV[1])
local at, now = tonumber(ARGV[4]), tonumber(ARGV[5])
local counted = ARGV[6] == '1'
local YEAR, MONTH = 365 * 86400000, 30 * 86400000
if counted then age(KEYS[2], KEYS[6], now, ARGV[7]) end
if ARGV[2] == '0' then
  local existing = redis.call('GET', KEYS[3])
  if existing then return {'exists', existing} end
  redis.call('SET', KEYS[3], ARGV[3])
  redis.call('ZADD', KEYS[4], at, ARGV[3])
  if ARGV[8] == '1' then redis.call('ZADD', KEYS[5], at, ARGV[3]) end
  if counted then
    if at + YEAR > now then
      for _, tag in ipairs(new.counted) do redis.call('HINCRBY', KEYS[2], tag, 1) end
      redis.call('ZADD', KEYS[6], at + YEAR, '365|' .. ARGV[3])
    end
    if at + MONTH > now then
      if has(new.counted, 'notEmergency') then redis.call('HINCRBY', KEYS[2], 'recentNotEmergency', 1) end
      redis.call('ZADD', KEYS[6], at + MONTH, '30|' .. ARGV[3])
    end
  end
else
  local oldJson = redis.call('GET', KEYS[1])
  if not oldJson then return {'missing'} end
  local old = cjson.decode(oldJson)
  if tostring(old.version) ~= ARGV[2] then return {'stale'} end
  if counted and redis.call('ZSCORE', KEYS[6], '365|' .. ARGV[3]) then
    for _, tag in ipairs(old.counted) do redis.call('HINCRBY', KEYS[2], tag, -1) end
    for _, tag in ipairs(new.counted) do redis.call('HINCRBY', KEYS[2], tag, 1) end
  end
  if counted and redis.call('ZSCORE', KEYS[6], '30|' .. ARGV[3]) then
    local change = (has(new.counted, 'notEmergency') and 1 or 0) - (has(old.counted, 'notEmergency') and 1 or 0)
    if change ~= 0 then redis.call('HINCRBY', KEYS[2], 'recentNotEmergency', change) end
  end
end
redis.call('SET', KEYS[1], ARGV[1])
return {'ok', ARGV[3]}
