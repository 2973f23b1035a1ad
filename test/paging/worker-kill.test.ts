import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../faults/rig.js';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());

describe('invariant 6: a killed worker loses no page', () => {
  it('invariant 6: when the worker is killed with SIGKILL again and again mid-ladder, then every page still reaches the lead and no step is sent twice', async () => {
    await rig.raise(5);
    for (let round = 0; round < 4; round++) {
      const worker = rig.startWorker();
      await new Promise((r) => setTimeout(r, 400 + Math.floor(Math.random() * 900)));
      await rig.killHard(worker);
    }
    rig.startWorker();
    expect(await rig.settle(30_000)).toEqual({ lost: 0, duplicates: 0 });
  }, 60_000);
});
