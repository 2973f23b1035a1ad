--[[
  Marks a page exhausted, unless a clinician took it a moment before.

  KEYS[1] the page (hash)
  ARGV[1] the time (ISO)
  ARGV[2] the priority the run alerts at (its claim's): a raise since then is alerted again

  Returns {'exhausted'}: marked now; {'already'}: marked before (a run that died mid-alert
  finishes the alerts); {'not-open'}: taken or gone, nothing to alert.
]]
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'exhausted' then return {'already'} end
if status ~= 'open' then return {'not-open'} end
-- the priority its alerts go out at, not the page's now: a page raised after the claim (or after
-- this) alerts the lead again at the new priority (invariant 3)
redis.call('HSET', KEYS[1], 'status', 'exhausted', 'exhaustedAt', ARGV[1], 'exhaustedPriority', ARGV[2])
return {'exhausted'}
