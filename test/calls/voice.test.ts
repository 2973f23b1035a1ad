import { describe, expect, it } from 'vitest';
import { spokenText } from '../../src/devtools/twiml-reader.js';
import { PHONES } from '../support/practice.js';
import { firstStepWaiting } from '../support/system.js';
import { find, signedPost, verbsOf } from '../support/twilio.js';
import { newCall, safetyComesFirst, voiceLine } from '../support/voice-calls.js';

const line = voiceLine();
const { call, contactOf } = line;

describe('voice line: the greeting and the question', () => {
  it('invariant 1: when any caller is answered, then the greeting gives 911 and 988 before the urgency question, and nothing names a client', async () => {
    for (const from of [PHONES.trusted, PHONES.regular, PHONES.unknown]) {
      const { turns } = await call(from);
      const verbs = turns[0]!;
      expect(safetyComesFirst(verbs)).toBe(true);
      expect(spokenText(verbs)).toContain('Riverside Psychiatry');
      expect(spokenText(verbs)).not.toMatch(/Tess|Rob|Trusted|Regular/);
      const gather = find(verbs, 'Gather')!;
      expect(gather.attrs).toMatchObject({ input: 'dtmf speech', numDigits: '1' });
      expect(spokenText(gather.children)).toContain('press 1 or say yes');
    }
  });

  it('invariant 1: every voice path gives the 911 / 988 guidance, before any <Gather>', async () => {
    const paths = [
      await call(PHONES.trusted, { Digits: '1' }),
      await call(PHONES.regular, { Digits: '1' }),
      await call(PHONES.regular, { Digits: '2' }),
      await call(PHONES.regular, {}, {}),
      await call(PHONES.unknown, {}, {}),
      await call(PHONES.unknown, { Digits: '9' }),
      await call(PHONES.regular, { SpeechResult: 'I want to end it all' }),
      await call(PHONES.regular, { SpeechResult: 'maybe' }),
    ];
    for (const { turns } of paths) {
      for (const verbs of turns) expect(safetyComesFirst(verbs), spokenText(verbs)).toBe(true);
    }
    const followUp = verbsOf(await signedPost(line.sys.app, '/twilio/voice/followup?lang=en', newCall(PHONES.regular)));
    expect(safetyComesFirst(followUp)).toBe(true);
    const messageDone = verbsOf(await signedPost(line.sys.app, '/twilio/voice/message-done?lang=en', newCall(PHONES.regular)));
    expect(safetyComesFirst(messageDone)).toBe(true);
  });

  it('invariant 1: when any path is answered, then the bot never dials 911 itself', async () => {
    const { turns } = await call(PHONES.regular, { Digits: '1' });
    for (const verbs of turns) expect(find(verbs, 'Dial')).toBeUndefined();
  });
});

describe('voice line: emergencies', () => {
  it('invariant 2: when a trusted client presses 1, then a critical page is queued and nothing more is asked', async () => {
    const { turns, contactSource } = await call(PHONES.trusted, { Digits: '1' });
    const answer = turns[1]!;
    expect(find(answer, 'Record')).toBeUndefined();
    expect(find(answer, 'Gather')).toBeUndefined();
    expect(answer.at(-1)!.name).toBe('Hangup');
    expect(spokenText(answer)).toContain('paging the on-call psychiatrist');
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ clientId: 'trusted', claimedUrgency: 'emergency', channel: 'voice' });
    const page = await line.sys.pages.require(contact!.pageId!);
    expect(page).toMatchObject({ priority: 'critical', status: 'open', contactId: contact!.id });
    expect(await firstStepWaiting(line.sys, page.id)).toBe(1);
  });

  it('invariant 2: when another client presses 1, then the page is queued before the follow-up recording is asked for', async () => {
    const { params, turns, contactSource } = await call(PHONES.regular, { Digits: '1' });
    const answer = turns[1]!;
    const record = find(answer, 'Record')!;
    expect(record).toBeDefined();
    // at the moment the follow-up is asked, the page already exists and its first step is queued
    const contact = await contactOf(contactSource);
    const page = await line.sys.pages.require(contact!.pageId!);
    expect(page.priority).toBe('high');
    expect(await firstStepWaiting(line.sys, page.id)).toBe(1);
    // hanging up instead of recording changes nothing about the page
    await signedPost(line.sys.app, '/twilio/voice/status', { ...params, CallStatus: 'completed' }).expect(204);
    expect(await line.sys.pages.require(page.id)).toMatchObject({ priority: 'high', status: 'open' });
    // the recording, when it arrives, is attached to the contact the page points at
    await signedPost(line.sys.app, record.attrs.recordingStatusCallback!, { ...params, RecordingUrl: 'https://api.twilio.com/rec/RE1', RecordingStatus: 'completed', RecordingSid: 'RE1' }).expect(204);
    expect((await contactOf(contactSource))!.recordingUrl).toBe('https://api.twilio.com/rec/RE1');
  });

  it('invariant 2: when a review-agreement client presses 1, then the page goes out but they are still asked the follow-up', async () => {
    const { turns, contactSource } = await call(PHONES.review, { Digits: '1' });
    expect(find(turns[1]!, 'Record')).toBeDefined();
    expect((await line.sys.pages.require((await contactOf(contactSource))!.pageId!)).priority).toBe('high');
  });

  it('when a caller says "it\'s an emergency" in plain words, then it is read as an emergency', async () => {
    const { contactSource } = await call(PHONES.regular, { SpeechResult: "Yes, it's an emergency." });
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'emergency' });
  });

  it('invariant 3: when crisis words are spoken at the question, then a critical page is raised whatever else was said', async () => {
    const { contactSource } = await call(PHONES.regular, { SpeechResult: 'no, I just want to die' });
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ crisis: true });
    expect((await line.sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('invariant 3: when a recorded message transcript carries crisis language, then a critical page is raised', async () => {
    const { params, turns, contactSource } = await call(PHONES.regular, { Digits: '2' });
    expect((await contactOf(contactSource))!.pageId).toBeNull();
    const record = find(turns[1]!, 'Record')!;
    await signedPost(line.sys.app, record.attrs.transcribeCallback!, { ...params, TranscriptionText: 'i took a lot of pills', TranscriptionStatus: 'completed' }).expect(204);
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ crisis: true, claimedUrgency: 'not-emergency' });
    expect((await line.sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('when an unknown caller presses 1, then a page goes out marked as an unknown caller', async () => {
    const { contactSource } = await call(PHONES.unknown, { Digits: '1' });
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ clientId: null, from: PHONES.unknown });
    expect(await line.sys.pages.require(contact!.pageId!)).toMatchObject({ priority: 'high', why: 'claimed emergency; unknown caller' });
  });
});

describe('voice line: messages and silence', () => {
  it('when a client presses 2, then a message is taken for the next business day, with support to wait, and no page', async () => {
    const { turns, contactSource } = await call(PHONES.regular, { Digits: '2' });
    const answer = turns[1]!;
    expect(find(answer, 'Record')).toBeDefined();
    const words = spokenText(answer);
    expect(words).toContain('heard today after 9:00 AM');
    expect(words).toContain('Waiting for your next session can be hard');
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'not-emergency', pageId: null });
    expect(await line.sys.pages.list()).toEqual([]);
  });

  it('when a caller says "not really", then it is a message', async () => {
    const { contactSource } = await call(PHONES.regular, { SpeechResult: 'not really' });
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'not-emergency' });
  });

  it('invariant 4: when a known client is silent twice, then the question is repeated once and then a high page goes out', async () => {
    const { turns, contactSource } = await call(PHONES.regular, {}, {});
    expect(spokenText(turns[1]!)).toContain("didn't catch that");
    expect(find(turns[1]!, 'Gather')).toBeDefined();
    expect(spokenText(turns[2]!)).toContain('We did not hear an answer');
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ claimedUrgency: 'no-answer' });
    expect(await line.sys.pages.require(contact!.pageId!)).toMatchObject({ priority: 'high', why: expect.stringContaining('did not answer') });
  });

  it('invariant 4: when a known client hangs up at the urgency question, then they are still paged', async () => {
    const { params, contactSource } = await call(PHONES.trusted);
    await signedPost(line.sys.app, '/twilio/voice/status', { ...params, CallStatus: 'completed', CallDuration: '4' }).expect(204);
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ claimedUrgency: 'no-answer' });
    expect((await line.sys.pages.require(contact!.pageId!)).priority).toBe('high');
  });

  it('when an unknown caller is silent twice or hangs up, then they are taken to a message and nobody is paged', async () => {
    const { turns } = await call(PHONES.unknown, {}, {});
    expect(find(turns[2]!, 'Record')).toBeDefined();
    const hungUp = await call(PHONES.unknown);
    await signedPost(line.sys.app, '/twilio/voice/status', { ...hungUp.params, CallStatus: 'completed' }).expect(204);
    expect(await line.sys.pages.list()).toEqual([]);
  });

  it('when a no-answer page exists and the client then claims an emergency on the same call, then the page is only raised', async () => {
    const { params, contactSource } = await call(PHONES.trusted);
    await signedPost(line.sys.app, '/twilio/voice/status', { ...params, CallStatus: 'completed' }).expect(204);
    await signedPost(line.sys.app, `/twilio/voice/answer?attempt=1&lang=en`, { ...params, Digits: '1' }).expect(200);
    const contact = await contactOf(contactSource);
    expect(contact!.claimedUrgency).toBe('emergency');
    expect((await line.sys.pages.list()).map((p) => p.priority)).toEqual(['critical']);
  });
});

describe('voice line: languages', () => {
  it('when a Spanish-speaking client calls, then every prompt is in Spanish', async () => {
    const { turns } = await call(PHONES.spanish, { Digits: '2' });
    expect(spokenText(turns[0]!)).toContain('línea fuera de horario');
    expect(find(turns[0]!, 'Gather')!.attrs.language).toBe('es-US');
    expect(spokenText(turns[1]!)).toContain('Su mensaje será escuchado hoy después de las 9:00');
  });

  it('when an unknown caller presses 9, then the line switches to Spanish and keeps it', async () => {
    const { turns } = await call(PHONES.unknown, { Digits: '9' }, { Digits: '1' });
    expect(spokenText(turns[0]!)).toContain('Para español, oprima 9');
    expect(spokenText(turns[1]!)).toContain('oprima 1 o diga sí');
    expect(spokenText(turns[2]!)).toContain('psiquiatra de guardia');
  });
});

describe('voice line: duplicates and forged requests', () => {
  it('invariant 6: when the same answer webhook arrives twice, even at the same moment, then there is one contact and one page', async () => {
    const { params } = await call(PHONES.regular);
    const answer = () => signedPost(line.sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...params, Digits: '1' });
    const results = await Promise.all([answer(), answer(), answer(), answer()]);
    for (const r of results) expect(r.status).toBe(200);
    await answer().expect(200);
    expect(await line.sys.history.listContacts({ clientId: 'regular' })).toHaveLength(1);
    const pages = await line.sys.pages.list();
    expect(pages).toHaveLength(1);
    expect(await firstStepWaiting(line.sys, pages[0]!.id)).toBe(1);
  });

  it('when a webhook is unsigned or signed wrongly, then 403 and nothing is stored', async () => {
    const params = { ...newCall(PHONES.regular), Digits: '1' };
    const unsigned = await (await import('supertest')).default(line.sys.app).post('/twilio/voice/answer?attempt=1&lang=en').type('form').send(params);
    expect(unsigned.status).toBe(403);
    await signedPost(line.sys.app, '/twilio/voice/answer?attempt=1&lang=en', params, { token: 'not-the-token' }).expect(403);
    // signed for another URL (the signature covers the query string)
    await signedPost(line.sys.app, '/twilio/voice/answer?attempt=1&lang=en', params, { base: 'https://evil.test' }).expect(403);
    expect(await line.sys.history.listContacts({})).toEqual([]);
    expect(await line.sys.pages.list()).toEqual([]);
  });
});
