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
--- @include "raise-page"
return raisePage(KEYS, ARGV)
