-- The phone index: a hash of E.164 number -> owner tag ("clinician:<id>" | "client:<id>").
-- A record's JSON holds its numbers as `phones` (a client) or `phone` (a clinician).

-- Releases the numbers a stored record held, where this owner still holds them.
local function releasePhones(owners, oldJson, tag)
  local decoded = cjson.decode(oldJson)
  for _, number in ipairs(decoded.phones or {decoded.phone}) do
    if redis.call('HGET', owners, number) == tag then redis.call('HDEL', owners, number) end
  end
end

-- Gives the numbers to this owner.
local function claimPhones(owners, phones, tag)
  for _, number in ipairs(phones) do redis.call('HSET', owners, number, tag) end
end
