-- The body of raise-page-6.lua as a function of its keys (K) and arguments (A), so a script
-- that records a contact with its page (record-contact-and-page-12.lua) runs the same code.
-- Needs the "due-member" include before it.
local function raisePage(K, A)
  if redis.call('EXISTS', K[1]) == 1 then
    local current = redis.call('HGET', K[1], 'priority')
    local ranks = { normal = 0, high = 1, critical = 2 }
    if tonumber(A[6]) > ranks[current] then
      redis.call('HSET', K[1], 'priority', A[5], 'why', A[7])
      return {'raised'}
    end
    return {'exists'}
  end
  if redis.call('SET', K[5], A[1], 'NX', 'EX', 1209600) == false then return {'code-taken'} end
  redis.call('HSET', K[1], 'id', A[1], 'code', A[2], 'contactId', A[3], 'clientId', A[4],
    'priority', A[5], 'status', 'open', 'why', A[7], 'createdAt', A[8], 'nextStep', 0)
  redis.call('ZADD', K[2], A[9], A[1])
  redis.call('SADD', K[3], A[1])
  redis.call('ZADD', K[4], A[9], dueMember(A[1], 0))
  -- Workers pop from the right: a critical page goes in ahead of the others waiting.
  redis.call(A[5] == 'critical' and 'RPUSH' or 'LPUSH', K[6], dueMember(A[1], 0))
  return {'created'}
end
