import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSystem } from '../../src/main.js';
import { createLadderStarter, starterConnection } from '../../src/paging/starter.js';
import { createKeys, dueMember } from '../../src/store/keys.js';
import { startRedisServer } from '../faults/redis-server.js';
import { PHONES, seedPractice, seededPracticeForEach } from '../support/practice.js';
import { firstStepWaiting, REDIS_URL, dropPrefix, testSystem, type TestSystem } from '../support/system.js';
import { eventually, fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

seededPracticeForEach({ vars: { ACK_TIMEOUT_SECONDS: '300', RECONCILE_INTERVAL_MS: '200' } }, (practice, fakeApi) => {
  sys = practice;
  api = fakeApi;
});

const emergency = async (source: string) => {
  const client = await sys.directory.requireClient('trusted');
  const { page } = await sys.intake.settle({ source, channel: 'voice', from: PHONES.trusted, client, claim: 'emergency', crisis: false });
  return page!;
};

describe('invariant 2: a new page is started the moment it exists', () => {
  it('invariant 2: when a page is raised, then a waiting worker texts and calls the primary with no job on the page queue for it', async () => {
    sys.startWorkers();
    const page = await emergency('voice:CAstart1');
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    expect(await sys.queue.queue.getJob(`${page.id}-0`)).toBeUndefined();
    await eventually(async () => expect(await firstStepWaiting(sys, page.id)).toBe(0));
    // the next rung waits on the queue and in the due set
    await eventually(async () => expect(await sys.queue.queue.getJob(`${page.id}-1`)).toBeDefined());
    expect(await sys.redis.zscore(sys.keys.dueSteps, dueMember(page.id, 1))).not.toBeNull();
  });

  it('invariant 2: when pages are raised while no worker runs, then the first worker to start sends each one, once', async () => {
    const pages = await Promise.all([1, 2, 3].map((i) => emergency(`voice:CAlate${i}`)));
    for (const page of pages) expect(await firstStepWaiting(sys, page.id)).toBe(1);
    expect(api.messages).toEqual([]);
    sys.startWorkers();
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(3));
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(3));
    expect(await sys.redis.llen(sys.keys.pagesToStart)).toBe(0);
  });
});

describe('invariant 2: a paging contact and its page are one write', () => {
  it('invariant 2: when a paging contact is recorded, then the contact, its page, its first step due and the wake-up for a worker exist together', async () => {
    const page = await emergency('voice:CAonce');
    const contact = await sys.history.getContactBySource('voice:CAonce');
    expect(contact).toMatchObject({ pageId: page.id });
    expect(await sys.pages.require(page.id)).toMatchObject({ contactId: contact!.id, status: 'open', nextStep: 0 });
    expect(await firstStepWaiting(sys, page.id)).toBe(1);
  });

  it('invariant 2: when the page of a new contact cannot be written, then the contact is not written either: no contact is left naming a page that does not exist', async () => {
    const taken = sys.pages.creation({ contactId: 'ct_other', clientId: null, priority: 'high', why: 'x', at: new Date() }, 0);
    await sys.redis.set(sys.keys.pageByCode(taken.made.code), 'pg_other');
    const creation = sys.pages.creation.bind(sys.pages);
    // every code it tries is taken: the write can never complete
    sys.pages.creation = (input) => {
      const made = creation(input, 0);
      const at = made.keys.indexOf(sys.keys.pageByCode(made.made.code));
      made.keys[at] = sys.keys.pageByCode(taken.made.code);
      return made;
    };
    try {
      await expect(emergency('voice:CAnocode')).rejects.toThrow('could not find a free page code');
    } finally {
      sys.pages.creation = creation;
    }
    expect(await sys.history.getContactBySource('voice:CAnocode')).toBeNull();
    expect(await sys.pages.list()).toEqual([]);
    // the webhook's retry (or the caller's next answer) pages as if nothing had happened
    const page = await emergency('voice:CAnocode');
    expect(await sys.pages.require(page.id)).toMatchObject({ status: 'open' });
  });
});

describe('invariant 3: the most urgent new page is started first', () => {
  it('invariant 3: when high pages wait to be started and a critical one is raised, then a worker starts the critical one first', async () => {
    const regular = await sys.directory.requireClient('regular');
    const high = await Promise.all([1, 2, 3].map(async (i) => (await sys.intake.settle({ source: `voice:CAhigh${i}`, channel: 'voice', from: PHONES.regular, client: regular, claim: 'emergency', crisis: false })).page!));
    expect(high.map((p) => p.priority)).toEqual(['high', 'high', 'high']);
    const critical = await emergency('voice:CAcritical');
    expect(critical.priority).toBe('critical');
    expect(await sys.redis.rpop(sys.keys.pagesToStart)).toBe(dueMember(critical.id, 0));
    expect(await sys.redis.rpop(sys.keys.pagesToStart)).toBe(dueMember(high[0]!.id, 0));
  });
});

describe('invariant 6: starting a page loses none and sends none twice', () => {
  it('invariant 6: when two workers wait for new pages, then each of 12 pages is started by one of them: one text and one call to the primary each', async () => {
    const other = createSystem({ config: sys.config, log: createLogger({ level: 'silent' }) });
    try {
      sys.startWorkers();
      other.startWorkers();
      const pages = await Promise.all(Array.from({ length: 12 }, (_, i) => emergency(`voice:CAtwo${i}`)));
      await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(12));
      await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(12));
      for (const page of pages) expect(api.textsTo(PHONES.ana).filter((m) => m.Body.includes(page.code))).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(api.textsTo(PHONES.ana)).toHaveLength(12);
    } finally {
      await other.close();
    }
  });

  it('invariant 6: when a worker pops a new page and dies before running it, then the reconciler sends it, once', async () => {
    const page = await emergency('voice:CAdropped');
    // what a worker killed between its pop and its claim leaves: the page, due, on no list
    expect(await sys.redis.rpop(sys.keys.pagesToStart)).toBe(dueMember(page.id, 0));
    sys.startWorkers();
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1), 8_000);
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    await eventually(async () => expect(await sys.redis.zscore(sys.keys.dueSteps, dueMember(page.id, 0))).toBeNull());
  });
});

describe('the starter on its own', () => {
  const keys = createKeys(`starter-${process.pid}-${Date.now()}`);
  const silent = createLogger({ level: 'silent' });

  it('invariant 6: when a started step throws (Redis failing mid-step), then it is run again until it goes through', async () => {
    let tries = 0;
    const starter = createLadderStarter({
      connection: starterConnection(REDIS_URL),
      keys,
      ladder: {
        processStep: async () => {
          tries += 1;
          if (tries < 3) throw new Error('Redis went away');
        },
      },
      log: silent,
      retryMs: 20,
    });
    try {
      await sys.redis.lpush(keys.pagesToStart, dueMember('pg_x', 0));
      await eventually(() => expect(tries).toBe(3));
      await new Promise((r) => setTimeout(r, 100));
      expect(tries).toBe(3);
    } finally {
      await starter.close();
      await dropPrefix(keys.prefix);
    }
  });

  it('when the worker closes while a first step is being sent, then close waits for that step to finish', async () => {
    let finish!: () => void;
    let finished = false;
    let began!: () => void;
    const started = new Promise<void>((resolve) => (began = resolve));
    const starter = createLadderStarter({
      connection: starterConnection(REDIS_URL),
      keys,
      ladder: {
        processStep: () => {
          began();
          return new Promise<void>((resolve) => (finish = resolve)).then(() => void (finished = true));
        },
      },
      log: silent,
    });
    await sys.redis.lpush(keys.pagesToStart, dueMember('pg_y', 0));
    await started;
    let closed = false;
    const closing = starter.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(finished).toBe(true);
    await dropPrefix(keys.prefix);
  });
});

describe('invariant 2: a first step that fails is run again promptly', () => {
  it('invariant 2: when a started step fails after its claim (a Redis blip), then the step is run again and the first text still goes out within seconds, not at the resume time of its claim', async () => {
    const client = await sys.directory.requireClient('trusted');
    // The blip, as the command connection sees it (it fails fast): one read beside the claim fails
    // after Redis has claimed the step.
    const getClient = sys.directory.getClient.bind(sys.directory);
    let readsFailed = 0;
    sys.directory.getClient = async (id) => {
      if (readsFailed === 0) {
        readsFailed += 1;
        throw new Error('Connection is closed.');
      }
      return getClient(id);
    };
    sys.startWorkers();
    const { page } = await sys.intake.settle({ source: 'voice:CAblip', channel: 'voice', from: PHONES.trusted, client, claim: 'emergency', crisis: false });
    if (!page) throw new Error('no page raised');
    await eventually(() => expect(readsFailed).toBe(1));
    // the step was claimed before the read failed: nothing but its resume time is left to run it
    await eventually(async () => expect((await sys.pages.require(page.id)).nextStep).toBe(1));
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1), 10_000);
  });
});

/**
 * A TCP relay to the test Redis whose open connections can be made to go silent, as a network
 * partition or a dead NAT entry leaves them: no data and no close on the client's side, while
 * Redis sees its side closed. Connections made after that pass again.
 */
async function silenceableRelay(target: URL): Promise<{ url: string; silence: () => void; close: () => Promise<void> }> {
  const open = new Set<{ client: Socket; upstream: Socket }>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 6379), target.hostname);
    const pair = { client, upstream };
    open.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    silence() {
      for (const pair of open) {
        open.delete(pair);
        pair.client.unpipe(pair.upstream);
        pair.upstream.unpipe(pair.client);
        pair.client.removeAllListeners('data');
        pair.client.pause();
        pair.upstream.destroy();
      }
    },
    async close() {
      for (const pair of open) pair.client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('invariant 2: the starter notices a connection that went silent', () => {
  it('invariant 2: when the connection the starter blocks on goes silent (a partition: no data, no close), then a page raised after it is still started within seconds', async () => {
    const keys = createKeys(`starter-silent-${process.pid}-${Date.now()}`);
    const relay = await silenceableRelay(new URL(REDIS_URL));
    const started: string[] = [];
    // the connection workers.ts gives the starter, through the relay
    const starter = createLadderStarter({
      connection: starterConnection(relay.url),
      keys,
      ladder: { processStep: async (pageId) => void started.push(pageId) },
      log: createLogger({ level: 'silent' }),
    });
    try {
      await sys.redis.lpush(keys.pagesToStart, dueMember('pg_before', 0));
      await eventually(() => expect(started).toEqual(['pg_before']));
      relay.silence();
      await new Promise((r) => setTimeout(r, 200));
      await sys.redis.lpush(keys.pagesToStart, dueMember('pg_after', 0));
      // a blocking pop answers within its 5 s timeout: silence for longer than that is a dead connection
      await eventually(() => expect(started).toEqual(['pg_before', 'pg_after']), 12_000);
    } finally {
      const closing = starter.close();
      await relay.close();
      await closing;
      await dropPrefix(keys.prefix);
    }
  });
});

describe('invariant 6: a first step whose worker dies after claiming it', () => {
  it('invariant 6: when the worker that popped a new page dies after claiming its first step and before its sends, then the primary is still paged within the 35 s a killed job waited for, not at the resume time of its claim', async () => {
    const client = await sys.directory.requireClient('trusted');
    const { page } = await sys.intake.settle({ source: 'voice:CAdied', channel: 'voice', from: PHONES.trusted, client, claim: 'emergency', crisis: false });
    if (!page) throw new Error('no page raised');
    // The worker that pops it: it claims step 0, then dies in the reads beside the claim (they never answer).
    expect(await sys.redis.rpop(sys.keys.pagesToStart)).toBe(dueMember(page.id, 0));
    let die!: (error: Error) => void;
    const getClient = sys.directory.getClient.bind(sys.directory);
    sys.directory.getClient = () => new Promise((_, reject) => (die = reject));
    const dead = sys.ladder.processStep(page.id, 0).catch(() => {});
    await eventually(async () => expect((await sys.pages.require(page.id)).nextStep).toBe(1));
    sys.directory.getClient = getClient;
    try {
      // the workers that stay up
      sys.startWorkers();
      await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1), 40_000);
    } finally {
      die(new Error('killed'));
      await dead;
    }
  }, 50_000);
});

describe('invariant 2: a page waiting to start when Redis comes back', () => {
  it('invariant 2: when a worker pops a waiting page as Redis comes back, before its command connection is up again, then the primary is texted within seconds, not at the reconciler\'s next pass', async () => {
    const redis = await startRedisServer({ appendfsync: 'always' });
    const own = await testSystem({ vars: { ...TWILIO_VARS, REDIS_URL: redis.url, ACK_TIMEOUT_SECONDS: '300', RECONCILE_INTERVAL_MS: '15000' } });
    try {
      await seedPractice(own);
      const client = await own.directory.requireClient('trusted');
      await own.intake.settle({ source: 'voice:CAback', channel: 'voice', from: PHONES.trusted, client, claim: 'emergency', crisis: false });
      // Redis crashes with the page on the list; the worker comes up during the outage (its
      // blocking connection queues the pop) and Redis comes back.
      await redis.crash();
      await new Promise((r) => setTimeout(r, 4_000));
      own.startWorkers();
      await new Promise((r) => setTimeout(r, 1_000));
      await redis.restart();
      await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1), 5_000);
    } finally {
      await own.close();
      await redis.stop();
    }
  }, 40_000);
});
