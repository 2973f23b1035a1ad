import type { Redis } from 'ioredis';
import { createCheckInStore } from '../checkins/store.js';
import type { Config } from '../config.js';
import { createDirectorySchemas } from '../directory/schemas.js';
import { createDirectoryStore } from '../directory/store.js';
import { createOptOuts } from '../history/opt-outs.js';
import { createHistoryStore } from '../history/store.js';
import { createAuditTrail } from '../http/audit-trail.js';
import { scheduleReferences } from '../oncall/schedule.js';
import { createOnCallStore } from '../oncall/store.js';
import { createPageStore } from '../paging/pages.js';
import type { Keys } from '../store/keys.js';

/** The records: each store owns its keys and scripts; nothing else writes them. */
export function createStores(deps: { config: Config; redis: Redis; keys: Keys; now: () => Date }) {
  const { config, redis, keys, now } = deps;
  const isScheduled = async (id: string) => {
    const schedule = await stores.oncall.getSchedule();
    return schedule !== null && scheduleReferences(schedule).some((r) => r.id === id);
  };
  const directory = createDirectoryStore({ redis, keys, now, isScheduled });
  const stores = {
    schemas: createDirectorySchemas({
      phoneRegion: config.phoneRegion,
      timezone: config.timezone,
      reservedPhones: { TWILIO_PHONE_NUMBER: config.twilio?.phoneNumber, FALLBACK_ONCALL_PHONE: config.fallbackOncallPhone },
    }),
    directory,
    history: createHistoryStore({ redis, keys, now }),
    oncall: createOnCallStore({ redis, keys, directory, timezone: config.timezone }),
    audit: createAuditTrail({ redis, keys, retentionDays: config.auditRetentionDays }),
    pages: createPageStore({ redis, keys }),
    optOuts: createOptOuts({ redis, keys }),
    /** Check-in plans (the console reads them through get, set and end) and what became of each check-in. */
    checkIns: createCheckInStore({ redis, keys }),
    async close() {
      await Promise.all([stores.directory.close(), stores.history.close(), stores.oncall.close(), stores.audit.close(), stores.pages.close()]);
    },
  };
  return stores;
}

export type Stores = ReturnType<typeof createStores>;
