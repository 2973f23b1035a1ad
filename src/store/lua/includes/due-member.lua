-- A page's escalation step in the due-steps set: "<page id>|<step>" (TypeScript: dueMember in store/keys.ts).
local function dueMember(pageId, step)
  return pageId .. '|' .. tostring(step)
end
