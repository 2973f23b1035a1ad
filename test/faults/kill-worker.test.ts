import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFaultResult } from './ledger.js';
import { startRig, type Rig } from './rig.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());

describe('fault: kill -9 the worker', () => {
  it('invariant 6: when the worker is killed at random points of 20 ladders, then every page is taken or reaches the lead and no step is sent twice', async () => {
    await rig.raise(20);
    let kills = 0;
    for (; kills < 8; kills++) {
      const worker = rig.startWorker();
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 1_200)));
      await rig.killHard(worker);
    }
    rig.startWorker();
    const { lost, duplicates } = await rig.settle();
    recordFaultResult({ suite: 'kill -9 worker', ladders: 20, faults: kills, pagesLost: lost, duplicates });
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
  });
});
