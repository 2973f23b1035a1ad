import type { Config } from '../config.js';
import type { Clinician, DirectoryStore } from '../directory/store.js';

/** The id under which the ladder pages `FALLBACK_ONCALL_PHONE` (no schedule set, or no lead to alert). */
export const FALLBACK_PAGER_ID = 'fallback';

/**
 * `FALLBACK_ONCALL_PHONE` as a pager: a text or keypress from it takes, passes or bridges a page
 * exactly like a clinician's, and is never read as a client's text.
 */
export function fallbackPager(config: Pick<Config, 'fallbackOncallPhone'>): Clinician | null {
  const phone = config.fallbackOncallPhone;
  return phone ? { id: FALLBACK_PAGER_ID, name: 'the on-call phone', phone, role: 'psychiatrist', updatedAt: '' } : null;
}

/** The name of whoever took a page: a clinician of the directory or the fallback phone. */
export async function takerName(directory: Pick<DirectoryStore, 'getClinician'>, id: string | null): Promise<string> {
  if (id === FALLBACK_PAGER_ID) return 'the on-call phone';
  return (id ? await directory.getClinician(id) : null)?.name ?? 'another clinician';
}
