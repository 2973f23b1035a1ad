-- Standing's totals age: each contact leaves the 365-day totals, and a not-emergency one the
-- 30-day count, when its time comes. Every script that touches the totals first ages out what is
-- due, so a lookup reads a handful of fields. Aging members are "<window>|<contact id>".
local function has(list, tag)
  for _, t in ipairs(list) do if t == tag then return true end end
  return false
end
local function age(standing, aging, now, contactPrefix)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', aging, '-inf', now, 'LIMIT', 0, 1000)) do
    local window, id = string.match(member, '^(%d+)|(.+)$')
    local json = redis.call('GET', contactPrefix .. id)
    if json then
      local counted = cjson.decode(json).counted
      if window == '365' then
        for _, tag in ipairs(counted) do redis.call('HINCRBY', standing, tag, -1) end
      elseif has(counted, 'notEmergency') then
        redis.call('HINCRBY', standing, 'recentNotEmergency', -1)
      end
    end
    redis.call('ZREM', aging, member)
  end
end
