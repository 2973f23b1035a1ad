import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';

/** One contact taken while Redis could not be reached: what it takes to make it a real contact later. */
export interface SpooledContact {
  kind: 'voice' | 'sms';
  /** The Twilio CallSid or MessageSid: the key that makes replaying it twice change nothing. */
  sid: string;
  from: string;
  at: string;
  /** The text's words and pictures (a call has none); kept on this disk as Redis would keep them. */
  body: string;
  mediaUrls: string[];
  crisis: boolean;
  claimed: boolean;
  /** Whether it was put through to the fallback phone without Redis: the call dialed, the text's relay taken by Twilio. */
  relayed: boolean;
  /** Twilio's OptOutType on a text (its Advanced Opt-Out acted on a keyword); absent on lines written before it was kept. */
  optOutType?: string | null;
}

const ACTIVE = 'spool.ndjson';
const REPLAYING = /^replaying-[\w-]+\.ndjson$/;
const UNREADABLE = /^unreadable-(\d{4}-\d{2}-\d{2})\.ndjson$/;
/** Lines cut short by a crash may hold part of a client's words: kept a month for a person to read, then deleted. */
export const UNREADABLE_RETENTION_DAYS = 30;

/**
 * The local spool: one JSON line per contact (a text whose relay went through gets a second),
 * appended and fsynced before the client is answered, so nothing taken during an outage depends
 * on Redis or on this process staying up. Replay moves the file aside first (new contacts go on
 * to a fresh file), hands every contact to the replayer, and deletes the files only when all of
 * them went in; a crash part-way leaves the files to be replayed again at the next start, and
 * the replayer makes a second pass change nothing.
 */
export function createSpool(deps: { dir: string; log: Logger; now?: () => Date }) {
  const { dir, log } = deps;
  const now = deps.now ?? (() => new Date());
  let appending: Promise<unknown> = Promise.resolve();
  let replaying: Promise<number> | null = null;

  /** Fsyncs the spool directory, so a file's new name survives a host crash. */
  async function syncDir(): Promise<void> {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes and fsyncs the line, then checks the spool file still has its name: a replay (of this
   * process or another sharing the directory) may have moved it aside between the open and the
   * write, and then read and deleted it without this line. The line is written again to the new
   * file; a line replayed twice changes nothing (the replayer keys it by its SID).
   */
  async function appendLine(line: string): Promise<void> {
    const path = join(dir, ACTIVE);
    for (;;) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const file = await fs.open(path, 'a', 0o600);
      let kept: boolean;
      try {
        await file.appendFile(line);
        await file.sync();
        const [written, named] = await Promise.all([file.stat(), fs.stat(path).catch(() => null)]);
        kept = named !== null && named.ino === written.ino && named.dev === written.dev;
        // A file this line began: its name is in the directory, which a file's fsync does not write.
        if (kept && written.size === Buffer.byteLength(line)) await syncDir();
      } finally {
        await file.close();
      }
      if (kept) return;
    }
  }

  /**
   * The contacts in these files, one per SID: a text's relay that went through is a second line
   * after the one taken before the relay, and a contact replayed again changes nothing anyway.
   * Lines that cannot be read are set aside.
   */
  async function readContacts(paths: string[]): Promise<{ contacts: SpooledContact[]; read: string[] }> {
    const byKey = new Map<string, SpooledContact>();
    const read: string[] = [];
    for (const path of paths) {
      const text = await fs.readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
      if (text === null) continue; // another process sharing the directory replayed it
      read.push(path);
      for (const line of text.split('\n').filter(Boolean)) {
        let entry: SpooledContact;
        try {
          entry = JSON.parse(line) as SpooledContact;
        } catch {
          // A line cut short by a crash mid-write: its client was usually never answered, and Twilio
          // only asks the Fallback URL once (alive only if another instance serves it); kept for a person to read.
          const aside = `unreadable-${now().toISOString().slice(0, 10)}.ndjson`;
          log.error({ file: path, keptIn: aside }, `spool line could not be read; kept aside for ${UNREADABLE_RETENTION_DAYS} days`);
          await fs.appendFile(join(dir, aside), `${line}\n`, { mode: 0o600 });
          continue;
        }
        const key = `${entry.kind}:${entry.sid}`;
        const earlier = byKey.get(key);
        byKey.set(key, earlier ? { ...earlier, relayed: earlier.relayed || entry.relayed } : entry);
      }
    }
    return { contacts: [...byKey.values()], read };
  }

  /** Deletes the unreadable lines set aside more than the retention ago. */
  async function dropOldUnreadable(names: string[]): Promise<void> {
    const cutoff = new Date(now().getTime() - UNREADABLE_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
    for (const name of names) {
      const day = UNREADABLE.exec(name)?.[1];
      if (day && day < cutoff) await fs.unlink(join(dir, name)).catch(() => undefined);
    }
  }

  const spool = {
    dir,
    /** Appends one contact, durably: it is on disk when this resolves. Appends are serialised. */
    append(entry: SpooledContact): Promise<void> {
      // Each line starts with a newline too: a line cut short by a crash is closed off, never glued to the next.
      const next = appending.then(() => appendLine(`\n${JSON.stringify(entry)}\n`));
      appending = next.catch(() => undefined);
      return next;
    },

    /** How many lines wait on disk (a relayed text has two). */
    async pending(): Promise<number> {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      let count = 0;
      for (const name of names.filter((n) => n === ACTIVE || REPLAYING.test(n))) {
        count += (await fs.readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean).length;
      }
      return count;
    },

    /** Replays everything waiting, oldest first; one replay at a time. Returns how many contacts went in. */
    replay(replayer: (entry: SpooledContact) => Promise<void>): Promise<number> {
      replaying ??= (async () => {
        const names = await fs.readdir(dir).catch(() => [] as string[]);
        await dropOldUnreadable(names);
        if (names.includes(ACTIVE)) {
          await appending; // a line being written goes with this file
          await fs
            .rename(join(dir, ACTIVE), join(dir, `replaying-${Date.now()}-${randomBytes(3).toString('hex')}.ndjson`))
            .catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
        }
        const files = (await fs.readdir(dir)).filter((n) => REPLAYING.test(n)).sort();
        const { contacts, read } = await readContacts(files.map((name) => join(dir, name)));
        for (const contact of contacts) await replayer(contact);
        // Only once every contact went in: a failure or a crash part-way leaves the files to replay again.
        for (const path of read) await fs.unlink(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
        return contacts.length;
      })().finally(() => {
        replaying = null;
      });
      return replaying;
    },
  };
  return spool;
}

export type Spool = ReturnType<typeof createSpool>;
