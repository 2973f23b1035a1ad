--[[
  Writes every record of a practice file, its numbers and the schedule in one atomic step,
  checked against the final state: a number may move between two records of the same file, but
  one owned by a record outside the file aborts everything.

  KEYS[1] the phone index (hash)
  KEYS[2] the clinician ids (set)
  KEYS[3] the client ids (set)
  KEYS[4] the on-call schedule
  ARGV[1] the schedule (JSON) or ''
  ARGV[2…] per record: tag, key, id, 'clinician' | 'client', JSON, phone count, phones…

  Returns {'ok'}; {'conflict', <tag>, <index of the number>, <its owner>}.
]]
--- @include "phone-index"
local records, importing = {}, {}
local i = 2
while i <= #ARGV do
  local r = { tag = ARGV[i], key = ARGV[i + 1], id = ARGV[i + 2], kind = ARGV[i + 3], json = ARGV[i + 4], phones = {} }
  local n = tonumber(ARGV[i + 5])
  for j = 1, n do r.phones[j] = ARGV[i + 5 + j] end
  i = i + 6 + n
  records[#records + 1] = r
  importing[r.tag] = true
end
for _, r in ipairs(records) do
  for j, number in ipairs(r.phones) do
    local owner = redis.call('HGET', KEYS[1], number)
    if owner and owner ~= r.tag and not importing[owner] then return {'conflict', r.tag, tostring(j - 1), owner} end
  end
end
for _, r in ipairs(records) do
  local old = redis.call('GET', r.key)
  if old then releasePhones(KEYS[1], old, r.tag) end
end
for _, r in ipairs(records) do
  claimPhones(KEYS[1], r.phones, r.tag)
  redis.call('SET', r.key, r.json)
  redis.call('SADD', r.kind == 'clinician' and KEYS[2] or KEYS[3], r.id)
end
if ARGV[1] ~= '' then redis.call('SET', KEYS[4], ARGV[1]) end
return {'ok'}
