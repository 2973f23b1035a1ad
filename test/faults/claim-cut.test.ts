import { afterAll, beforeAll, describe, it } from 'vitest';
import { REDIS_URL } from '../support/system.js';
import { startClaimCutter } from './claim-cutter.js';
import { recordRow } from './recorder.js';
import { startRig, type Rig } from './rig.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LADDERS = 6;
const CUTS = 4;

let rig: Rig;
let cutter: Awaited<ReturnType<typeof startClaimCutter>>;
beforeAll(async () => {
  const url = new URL(REDIS_URL);
  cutter = await startClaimCutter({ host: url.hostname, port: Number(url.port || 6379) });
  rig = await startRig({ workerRedisUrl: cutter.url, vars: { ACK_TIMEOUT_SECONDS: '2', ESCALATION_ROUNDS: '1' } });
});
afterAll(async () => {
  await rig.close();
  await cutter.close();
});

describe('fault: the answer to a claim is lost', () => {
  it('invariant 6: when Redis writes a send\'s claim but the worker never hears so (the connection cut in between, as in a Redis crash), then the worker recognises its own claim and the send still goes out once', async () => {
    rig.startWorker();
    const raising = (async () => {
      for (let i = 0; i < LADDERS; i++) {
        await rig.raise(1);
        await sleep(700);
      }
    })();
    await sleep(1_000);
    for (let i = 0; i < CUTS; i++) {
      cutter.arm();
      for (let waited = 0; cutter.armed > 0 && waited < 20_000; waited += 100) await sleep(100);
      await sleep(1_500);
    }
    await raising;
    const settled = await rig.waitSettled(60_000);
    const report = await rig.check();
    // observed: the claim the worker never heard of is in Redis
    const written = (await Promise.all(cutter.cuts.map((c) => rig.sys.redis.hexists(c.key, c.field)))).filter(Boolean).length;
    recordRow(
      {
        suite: 'connection to Redis cut between a claim and its answer',
        ran: `${report.ladders} ladders`,
        faultsInjected: cutter.cuts.length,
        faultsObserved: written,
        lost: report.lost,
        lostInFlight: report.lostInFlight,
        duplicates: report.duplicates + report.afterTake,
        notes: `each cut after Redis wrote a send's claim and before the worker heard; the claim carries the run's token, so the worker knows it as its own and sends`,
        details: { cuts: cutter.cuts, report },
      },
      {
        'every cut landed on a written claim': cutter.cuts.length === CUTS && written === CUTS,
        'every ladder ended': settled && report.unfinished === 0,
        'no page lost, none left in flight': report.lost === 0 && report.lostInFlight === 0 && report.mootAfterTake === 0,
        'nothing sent twice': report.duplicates === 0 && report.afterTake === 0,
        'in order': report.outOfOrder === 0,
      },
      report.problems,
    );
  }, 120_000);
});
