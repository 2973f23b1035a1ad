import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { DirectorySchemas } from '../directory/schemas.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { AuditTrail } from '../http/audit-trail.js';
import type { Logger } from '../log.js';
import type { OnCallStore } from '../oncall/store.js';
import type { Acknowledger } from '../paging/acknowledge.js';
import type { PageStore } from '../paging/pages.js';
import type { Keys } from '../store/keys.js';
import type { AuditChange } from './auth.js';
import type { Sessions } from './sessions.js';

/** A client's check-in plan as the Clients screen shows it; wired in when check-ins exist. */
export interface CheckInPlanView {
  times: string[];
  days?: string[];
  from: string;
  until: string;
  next?: string | null;
  endedAt?: string | null;
}

/**
 * Reads a client's check-in plan (null when none): the check-in store's own `get` fits. Optional:
 * without it the Clients screen has no check-in section at all.
 */
export interface CheckInPlans {
  get(clientId: string): Promise<CheckInPlanView | null>;
}

/** What every screen of the console reads and changes. */
export interface ConsoleDeps {
  config: Config;
  redis: Redis;
  keys: Keys;
  directory: DirectoryStore;
  history: HistoryStore;
  pages: PageStore;
  oncall: OnCallStore;
  acknowledger: Acknowledger;
  audit: AuditTrail;
  schemas: DirectorySchemas;
  sessions: Sessions;
  auditChange: AuditChange;
  checkIns: CheckInPlans | null;
  log: Logger;
  now: () => Date;
  /** How often a live stream looks for changes. */
  liveIntervalMs: number;
  /** Open live streams, each ended by calling it (at shutdown). */
  live: Set<() => void>;
}
