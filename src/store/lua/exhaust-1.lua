--[[
  Marks a page exhausted, unless a clinician took it a moment before.

  KEYS[1] the page (hash)
  ARGV[1] the time (ISO)

  Returns {'exhausted'}: marked now; {'already'}: marked before (a run that died mid-alert
  finishes the alerts); {'not-open'}: taken or gone, nothing to alert.
]]
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'exhausted' then return {'already'} end
if status ~= 'open' then return {'not-open'} end
-- the priority it ran out at: a page raised after this alerts the lead again (invariant 3)
redis.call('HSET', KEYS[1], 'status', 'exhausted', 'exhaustedAt', ARGV[1], 'exhaustedPriority', redis.call('HGET', KEYS[1], 'priority'))
return {'exhausted'}
