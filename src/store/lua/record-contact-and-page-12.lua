--[[
  Records a new contact and creates its page in one atomic step: the contact, its standing's
  totals, the page, its first step due and its wake-up for a worker (put-contact-6.lua and
  raise-page-6.lua, run as one). A contact is never left naming a page that was not made.
  Nothing is written unless both can be.

  put-contact-6.lua's keys and arguments, for a new contact (ARGV[2] '0'):
  KEYS[1] the contact        KEYS[2] the standing totals (hash)   KEYS[3] the source's key
  KEYS[4] contacts by time   KEYS[5] the client's contacts        KEYS[6] the aging set
  ARGV[1..8] as put-contact-6.lua's
  then raise-page-6.lua's:
  KEYS[7] the page (hash)    KEYS[8] pages by time    KEYS[9] the open pages
  KEYS[10] the due steps     KEYS[11] the page code's key   KEYS[12] the pages to start
  ARGV[9..17] as raise-page-6.lua's ARGV[1..9]

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
-- Checked before anything is written: a script that fails part-way keeps what it wrote.
if ARGV[2] ~= '0' or redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[7]) == 1 then
  error('record-contact-and-page: only a new contact with a new page')
end
putContact({unpack(KEYS, 1, 6)}, {unpack(ARGV, 1, 8)})
raisePage({unpack(KEYS, 7, 12)}, {unpack(ARGV, 9, 17)})
return {'ok', ARGV[3]}
