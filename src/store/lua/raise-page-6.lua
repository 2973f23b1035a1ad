--[[
  Creates the page for a contact once (its id is derived from the contact), or raises the
  priority of the existing one; never lowers it. Step 0 is due at once in the due-steps set and
  pushed on the pages-to-start list in the same atomic step: a worker blocked on the list starts
  the ladder the moment the page exists, and the reconciler pages from the due set if no worker
  takes it (one that popped it and died, or none running).

  KEYS[1] the page (hash)
  KEYS[2] pages by time (zset)
  KEYS[3] the open pages (set)
  KEYS[4] the due steps (zset)
  KEYS[5] the page code's key
  KEYS[6] the pages to start (list of due members)
  ARGV[1] page id      ARGV[2] code        ARGV[3] contact id   ARGV[4] client id or ''
  ARGV[5] priority     ARGV[6] its rank    ARGV[7] why          ARGV[8] created (ISO)
  ARGV[9] now (ms)

  Returns {'created'}; {'raised'}: the priority went up; {'exists'}: nothing changed;
  {'code-taken'}: the code belongs to another page (try another).
]]
--- @include "due-member"
if redis.call('EXISTS', KEYS[1]) == 1 then
  local current = redis.call('HGET', KEYS[1], 'priority')
  local ranks = { normal = 0, high = 1, critical = 2 }
  if tonumber(ARGV[6]) > ranks[current] then
    redis.call('HSET', KEYS[1], 'priority', ARGV[5], 'why', ARGV[7])
    return {'raised'}
  end
  return {'exists'}
end
if redis.call('SET', KEYS[5], ARGV[1], 'NX', 'EX', 1209600) == false then return {'code-taken'} end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'code', ARGV[2], 'contactId', ARGV[3], 'clientId', ARGV[4],
  'priority', ARGV[5], 'status', 'open', 'why', ARGV[7], 'createdAt', ARGV[8], 'nextStep', 0)
redis.call('ZADD', KEYS[2], ARGV[9], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[9], dueMember(ARGV[1], 0))
redis.call('LPUSH', KEYS[6], dueMember(ARGV[1], 0))
return {'created'}
