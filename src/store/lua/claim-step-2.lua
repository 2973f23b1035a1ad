--[[
  Claims one escalation step of a page exactly once. The next step (if any) joins the due set in
  the same atomic step, and this step's own due entry stays, moved to a resume time, until its
  sends are done: whatever dies part-way, the reconciler finds both.

  KEYS[1] the page (hash)
  KEYS[2] the due steps (zset of due members)
  ARGV[1] page id
  ARGV[2] step
  ARGV[3] when the next step is due (ms), or '' when this step ends the ladder
  ARGV[4] when this step is resumed if its sends are not finished (ms)

  Returns {'claimed', priority}; {'resume', priority}: claimed before, its sends are finished
  idempotently; {'stale'}: a step not yet reached; {'closed'}: the page was taken or is gone.
  The priority is the page's at the claim: a raise before it is the step's to send (a raise after
  it finds the step claimed and calls the tier itself).
]]
--- @include "due-member"
local status = redis.call('HGET', KEYS[1], 'status')
local step = tonumber(ARGV[2])
local member = dueMember(ARGV[1], step)
if not status or status == 'acknowledged' then
  redis.call('ZREM', KEYS[2], member)
  return {'closed'}
end
local nextStep = tonumber(redis.call('HGET', KEYS[1], 'nextStep'))
if nextStep > step then
  redis.call('ZADD', KEYS[2], ARGV[4], member)
  return {'resume', redis.call('HGET', KEYS[1], 'priority')}
end
if status ~= 'open' or nextStep ~= step then
  redis.call('ZREM', KEYS[2], member)
  return {'stale'}
end
redis.call('HSET', KEYS[1], 'nextStep', step + 1)
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], dueMember(ARGV[1], step + 1)) end
redis.call('ZADD', KEYS[2], ARGV[4], member)
return {'claimed', redis.call('HGET', KEYS[1], 'priority')}
