--[[
  Creates or updates a contact and moves its client's standing totals in the same atomic step, so
  the totals can never disagree with the records. Creation is keyed by the Twilio SID: a replayed
  or concurrent duplicate webhook finds the first contact instead of making a second. A contact
  only moves the totals while it is inside their window.

  KEYS[1] the contact        KEYS[2] the standing totals (hash)   KEYS[3] the source's key
  KEYS[4] contacts by time   KEYS[5] the client's contacts        KEYS[6] the aging set
  ARGV[1] the contact (JSON) ARGV[2] expected version ('0' creates) ARGV[3] id
  ARGV[4] at (ms)            ARGV[5] now (ms)   ARGV[6] counted ('1' | '0')   ARGV[7] contact key prefix
  ARGV[8] listed under its client ('1' | '0'): a check-in contact is listed but never counted

  Returns {'ok', <id>}; {'exists', <id of the first contact>}; {'missing'}; {'stale'}: the
  version moved (retry).
]]
--- @include "age"
--- @include "put-contact"
return putContact(KEYS, ARGV)
