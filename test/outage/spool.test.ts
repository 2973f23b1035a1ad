import { mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSpool, type SpooledContact } from '../../src/outage/spool.js';

const log = createLogger({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function entry(sid: string): SpooledContact {
  return { kind: 'sms', sid, from: '+16175550100', at: new Date(0).toISOString(), body: '', mediaUrls: [], crisis: false, claimed: false, relayed: true };
}

/** Replays everything waiting and returns the SIDs handed to the replayer. */
async function drain(spool: ReturnType<typeof createSpool>): Promise<string[]> {
  const seen: string[] = [];
  await spool.replay(async (e) => {
    seen.push(e.sid);
  });
  return seen;
}

describe('invariant 8: the spool while it is replayed', () => {
  it('invariant 8: when a contact is appended while a replay moves the spool file aside, then the contact is still replayed (not written into the file the replay already read and deleted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterhours-spool-race-'));
    dirs.push(dir);
    const spool = createSpool({ dir, log });
    await spool.append(entry('SMfirst'));

    // The append of a second contact opens the spool file just before the replay renames it,
    // and writes only once the replay is over: the order two webhooks and a replay tick can take.
    const realOpen = fsp.open.bind(fsp);
    const realRename = fsp.rename.bind(fsp);
    let opened!: () => void;
    const openedOld = new Promise<void>((resolve) => (opened = resolve));
    let release!: () => void;
    const replayOver = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await realOpen(...args);
      if (!held && String(args[0]).endsWith('spool.ndjson')) {
        held = true;
        opened();
        await replayOver;
      }
      return handle;
    });
    let late: Promise<void> | null = null;
    vi.spyOn(fsp, 'rename').mockImplementation(async (...args: Parameters<typeof fsp.rename>) => {
      late ??= spool.append(entry('SMsecond'));
      await openedOld;
      return realRename(...args);
    });

    const first = await drain(spool);
    release();
    await late;
    vi.restoreAllMocks();
    const second = await drain(spool);

    expect(first).toEqual(['SMfirst']);
    expect([...first, ...second]).toContain('SMsecond');
  });

  it('invariant 8: when an append creates the spool file, then the directory is fsynced too, so the new file\'s name survives a host crash (fsync of a file does not write its directory entry)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterhours-spool-dirsync-'));
    dirs.push(dir);
    const spool = createSpool({ dir, log });
    const realOpen = fsp.open.bind(fsp);
    const synced: string[] = [];
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await realOpen(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        synced.push(String(args[0]));
        return sync();
      };
      return handle;
    });
    await spool.append(entry('SMfirst'));
    expect(synced).toEqual([join(dir, 'spool.ndjson'), dir]);
    synced.length = 0;
    await spool.append(entry('SMsecond')); // the file and its name are on disk already
    expect(synced).toEqual([join(dir, 'spool.ndjson')]);
  });
});
