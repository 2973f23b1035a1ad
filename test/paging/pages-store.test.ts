import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem();
});
afterEach(() => sys.teardown());

describe('page store reads', () => {
  it('when Redis stops answering, then reading a page fails with the outage instead of saying there is no such page', async () => {
    const { page } = await sys.pages.raise({ contactId: 'ct_outage', clientId: null, priority: 'critical', why: 'test', at: new Date() });
    expect(await sys.pages.get(page.id)).toMatchObject({ id: page.id });
    sys.redis.disconnect();
    const error = await sys.pages.require(page.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NotFoundError);
    await expect(sys.pages.get(page.id)).rejects.toThrow();
    await expect(sys.pages.list('acknowledged')).rejects.toThrow();
  });
});

describe('a page and its contact', () => {
  it('when a page id is made from a contact id, then the contact id is read back from it (the ladder reads the contact beside the page)', async () => {
    const { contactIdOfPage, pageIdForContact } = await import('../../src/paging/pages.js');
    for (const id of ['ct_abc', 'ct_qg0kxMsoiFwy', 'ct_a_b']) expect(contactIdOfPage(pageIdForContact(id))).toBe(id);
  });
});
