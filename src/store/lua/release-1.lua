--[[
  Deletes a key only while it still holds this holder's token: how a holder lets go of what it
  marked (a lock, a reply in progress).

  KEYS[1] the key
  ARGV[1] the token

  Returns {'released'}; {'not-held'}: the key holds something else, or nothing.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'released'}
end
return {'not-held'}
