import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES, seededPracticeForFile } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import type { fakeTwilioApi } from '../support/twilio-api.js';

/** Review of issue #15: Tonight's "taken in the last 12 hours" must not lose a clinician's own page behind others'. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
seededPracticeForFile((s, a) => ((sys = s), (api = a)));

type Who = { cookie: string; csrf: string };
const take = (id: string, who: Who) => request(sys.app).post(`/console/pages/${id}/take`).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf });

describe('review: Tonight, pages taken tonight', () => {
  it('her own client’s page, taken an hour ago, is under "taken" on her Tonight however many pages other clinicians took since', async () => {
    const ana = await consoleSession(sys, api, PHONES.ana);
    const ben = await consoleSession(sys, api, PHONES.ben);
    const hour = sys.now().getTime() - 3600_000;
    const own = (await sys.pages.raise({ contactId: 'ct_review_own', clientId: 'regular', priority: 'high', why: 'review', at: new Date(hour) })).page;
    await take(own.id, ana).expect(303);
    for (let i = 1; i <= 20; i++) {
      const other = (await sys.pages.raise({ contactId: `ct_review_${i}`, clientId: 'spanish', priority: 'high', why: 'review', at: new Date(hour + i * 60_000) })).page;
      await take(other.id, ben).expect(303);
    }
    const tonight = await request(sys.app).get('/console/tonight').set('Cookie', ana.cookie).expect(200);
    expect(tonight.text).toContain(`Page ${own.code}`);
  });
});
