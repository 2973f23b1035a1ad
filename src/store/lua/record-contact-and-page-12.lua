--[[
  Records a new contact and creates its page in one atomic step: the contact, its standing's
  totals, the page, its first step due and its wake-up for a worker (put-contact-6.lua and
  raise-page-6.lua, run as one). A contact is never left naming a page that was not made.
  Nothing is written unless both can be.

  KEYS[1..6]  put-contact-6.lua's keys (KEYS[3]: the source's key)
  KEYS[7..12] raise-page-6.lua's keys (KEYS[11]: the page code's key)
  ARGV[1..8]  put-contact-6.lua's arguments, for a new contact (ARGV[2] '0')
  ARGV[9..17] raise-page-6.lua's arguments

  Returns {'ok', <contact id>}; {'exists', <id of the first contact>}: the source already made
  one (a duplicate webhook), nothing written; {'code-taken'}: the page code belongs to another
  page (try another), nothing written.
]]
--- @include "age"
--- @include "due-member"
--- @include "put-contact"
--- @include "raise-page"
local existing = redis.call('GET', KEYS[3])
if existing then return {'exists', existing} end
if redis.call('EXISTS', KEYS[11]) == 1 then return {'code-taken'} end
local contact = putContact({unpack(KEYS, 1, 6)}, {unpack(ARGV, 1, 8)})
if contact[1] ~= 'ok' then return contact end
local page = raisePage({unpack(KEYS, 7, 12)}, {unpack(ARGV, 9, 17)})
if page[1] ~= 'created' then error('record-contact-and-page: the page of a new contact was ' .. page[1]) end
return contact
