--[[
  The first take wins: open or exhausted becomes acknowledged with who, how and when, the page
  leaves the open set and its pending step leaves the due set, all at once.

  KEYS[1] the page (hash)
  KEYS[2] the open pages (set)
  KEYS[3] the due steps (zset)
  ARGV[1] page id
  ARGV[2] clinician id
  ARGV[3] via: sms, voice or web
  ARGV[4] the time (ISO)

  Returns {'taken'}; {'already'}: someone took it first; {'missing'}: no such page.
]]
--- @include "due-member"
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {'missing'} end
if status == 'acknowledged' then return {'already'} end
redis.call('HSET', KEYS[1], 'status', 'acknowledged', 'acknowledgedBy', ARGV[2], 'acknowledgedVia', ARGV[3], 'acknowledgedAt', ARGV[4])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], dueMember(ARGV[1], redis.call('HGET', KEYS[1], 'nextStep')))
return {'taken'}
