--[[
  Keeps a new console sign-in code for a phone beside the codes still waiting for it: asking again
  (perhaps a stranger who knows the number) never voids a code the person is about to type. The
  newest ARGV[4] codes are kept; all expire together ARGV[3] seconds after the last ask, and the
  tries already spent on them stay spent. An unknown number (ARGV[1] empty) costs the same one
  call and writes nothing.

  KEYS[1] the waiting codes (hash: person, hash = digests separated by spaces, tries)
  ARGV[1] the person the number belongs to, or '' for none
  ARGV[2] the digest of the new code
  ARGV[3] seconds the codes live
  ARGV[4] codes kept at most

  Returns {'kept'}: the code was added; {'none'}: an unknown number, nothing written.
]]
local person = redis.call('HGET', KEYS[1], 'person')
if ARGV[1] == '' then return {'none'} end
if person and person ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  person = false
end
local hashes = {}
if person then
  for h in string.gmatch(redis.call('HGET', KEYS[1], 'hash') or '', '%S+') do table.insert(hashes, h) end
end
table.insert(hashes, ARGV[2])
local max = tonumber(ARGV[4])
while #hashes > max do table.remove(hashes, 1) end
redis.call('HSET', KEYS[1], 'person', ARGV[1], 'hash', table.concat(hashes, ' '))
redis.call('HSETNX', KEYS[1], 'tries', 0)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {'kept'}
