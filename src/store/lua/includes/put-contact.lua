-- The body of put-contact-6.lua as a function of its keys (K) and arguments (A), so a script
-- that records a contact with its page (record-contact-and-page-12.lua) runs the same code.
-- Needs the "age" include before it.
local function putContact(K, A)
  local new = cjson.decode(A[1])
  local at, now = tonumber(A[4]), tonumber(A[5])
  local counted = A[6] == '1'
  local YEAR, MONTH = 365 * 86400000, 30 * 86400000
  if counted then age(K[2], K[6], now, A[7]) end
  if A[2] == '0' then
    local existing = redis.call('GET', K[3])
    if existing then return {'exists', existing} end
    redis.call('SET', K[3], A[3])
    redis.call('ZADD', K[4], at, A[3])
    if A[8] == '1' then redis.call('ZADD', K[5], at, A[3]) end
    if counted then
      if at + YEAR > now then
        for _, tag in ipairs(new.counted) do redis.call('HINCRBY', K[2], tag, 1) end
        redis.call('ZADD', K[6], at + YEAR, '365|' .. A[3])
      end
      if at + MONTH > now then
        if has(new.counted, 'notEmergency') then redis.call('HINCRBY', K[2], 'recentNotEmergency', 1) end
        redis.call('ZADD', K[6], at + MONTH, '30|' .. A[3])
      end
    end
  else
    local oldJson = redis.call('GET', K[1])
    if not oldJson then return {'missing'} end
    local old = cjson.decode(oldJson)
    if tostring(old.version) ~= A[2] then return {'stale'} end
    if counted and redis.call('ZSCORE', K[6], '365|' .. A[3]) then
      for _, tag in ipairs(old.counted) do redis.call('HINCRBY', K[2], tag, -1) end
      for _, tag in ipairs(new.counted) do redis.call('HINCRBY', K[2], tag, 1) end
    end
    if counted and redis.call('ZSCORE', K[6], '30|' .. A[3]) then
      local change = (has(new.counted, 'notEmergency') and 1 or 0) - (has(old.counted, 'notEmergency') and 1 or 0)
      if change ~= 0 then redis.call('HINCRBY', K[2], 'recentNotEmergency', change) end
    end
  end
  redis.call('SET', K[1], A[1])
  return {'ok', A[3]}
end
