import { describe, expect, it } from 'vitest';
import { spokenText } from '../../src/devtools/twiml-reader.js';
import { PHONES } from '../support/practice.js';
import { find, signedPost } from '../support/twilio.js';
import { safetyComesFirst, voiceLine } from '../support/voice-calls.js';

const line = voiceLine();
const { call, contactOf } = line;

describe('voice line: distress and doubt are never read as no (invariant 2)', () => {
  it('invariant 2: when a caller says "I\'m not okay" and then "I don\'t know", then they are reassured once, with 911 / 988, and then paged high as unsure', async () => {
    const { turns, contactSource } = await call(PHONES.regular, { SpeechResult: "I'm not okay" }, { SpeechResult: "I don't know" });
    expect(safetyComesFirst(turns[1]!)).toBe(true);
    expect(spokenText(find(turns[1]!, 'Gather')!.children)).toContain('If you are not sure, that is all right: press 1 or say yes');
    expect(find(turns[1]!, 'Record')).toBeUndefined();
    expect(spokenText(turns[2]!)).toContain('paging the on-call psychiatrist');
    expect(safetyComesFirst(turns[2]!)).toBe(true);
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ claimedUrgency: 'unsure' });
    expect(await line.sys.pages.require(contact!.pageId!)).toMatchObject({ priority: 'high', why: expect.stringContaining('unsure') });
  });

  it('invariant 2: when a caller says "no, I\'m feeling really bad", then they are not sent to leave a message: they are reassured and asked again', async () => {
    const { turns, contactSource } = await call(PHONES.regular, { SpeechResult: "No, I'm feeling really bad." });
    expect(find(turns[1]!, 'Record')).toBeUndefined();
    expect(spokenText(find(turns[1]!, 'Gather')!.children)).toContain('If you are not sure, that is all right');
    expect(await contactOf(contactSource)).toBeNull();
  });

  it('invariant 2: when an unknown caller is unsure twice ("no sé", "tal vez"), then they are paged too', async () => {
    const { contactSource } = await call(PHONES.unknown, { SpeechResult: 'no sé' }, { SpeechResult: 'tal vez' });
    const contact = await contactOf(contactSource);
    expect(await line.sys.pages.require(contact!.pageId!)).toMatchObject({ clientId: null, priority: 'high' });
  });

  it('when a caller is unsure and then presses 2, then the message they chose is taken and nobody is paged', async () => {
    const { turns, contactSource } = await call(PHONES.regular, { SpeechResult: 'not sure' }, { Digits: '2' });
    expect(find(turns[2]!, 'Record')).toBeDefined();
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'not-emergency', pageId: null });
  });

  it('invariant 2: when an unknown caller is unsure and then silent, then they are paged as unsure', async () => {
    const { contactSource } = await call(PHONES.unknown, { SpeechResult: 'maybe' }, {}, {});
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'unsure', pageId: expect.any(String) });
  });

  it('invariant 4: when an unknown caller is unsure and hangs up, then they are paged as unsure', async () => {
    const { params, contactSource } = await call(PHONES.unknown, { SpeechResult: "I'm not doing well" });
    await signedPost(line.sys.app, '/twilio/voice/status', { ...params, CallStatus: 'completed' }).expect(204);
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'unsure', pageId: expect.any(String) });
  });

  it('invariant 2: when a caller says "I need help now" at the question, then it is an emergency', async () => {
    const { contactSource } = await call(PHONES.regular, { SpeechResult: 'I need help now' });
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'emergency', pageId: expect.any(String) });
  });

  it('invariant 2: when the speech result is "No it\'s an emergency" with no comma, then it is an emergency, not a message', async () => {
    const { turns, contactSource } = await call(PHONES.regular, { SpeechResult: "No it's an emergency" });
    expect(spokenText(turns[1]!)).toContain('paging the on-call psychiatrist');
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'emergency', pageId: expect.any(String) });
  });

  it('invariant 2: when a Spanish caller says "ayúdeme, por favor" at the question, then it is an emergency', async () => {
    const { contactSource } = await call(PHONES.spanish, { SpeechResult: 'ayúdeme, por favor' });
    expect(await contactOf(contactSource)).toMatchObject({ claimedUrgency: 'emergency', pageId: expect.any(String) });
  });

  it('invariant 3: when a caller leaves a message, then every recording asked to be transcribed is under Twilio\'s 120-second transcription limit, so its words are read', async () => {
    const { turns } = await call(PHONES.regular, { Digits: '2' });
    const { turns: paged } = await call(PHONES.regular, { Digits: '1' });
    const records = [find(turns[1]!, 'Record')!, find(paged[1]!, 'Record')!];
    for (const record of records) {
      expect(record.attrs.transcribe).toBe('true');
      expect(Number(record.attrs.maxLength)).toBeLessThan(120);
    }
  });

  it('invariant 2: when a recorded message\'s transcript claims an emergency, then a page goes out, at least high', async () => {
    const { params, turns, contactSource } = await call(PHONES.regular, { Digits: '2' });
    const record = find(turns[1]!, 'Record')!;
    await signedPost(line.sys.app, record.attrs.transcribeCallback!, { ...params, TranscriptionText: 'it is urgent please call me back right away', TranscriptionStatus: 'completed' }).expect(204);
    const contact = await contactOf(contactSource);
    expect(contact).toMatchObject({ claimedUrgency: 'emergency' });
    expect((await line.sys.pages.require(contact!.pageId!)).priority).toBe('high');
  });
});

describe('voice line: every call leaves a trace', () => {
  it('when an unknown caller hangs up before answering, then a no-answer contact is kept for the morning and nobody is paged', async () => {
    const { params, contactSource } = await call(PHONES.unknown);
    await signedPost(line.sys.app, '/twilio/voice/status', { ...params, CallStatus: 'completed' }).expect(204);
    expect(await contactOf(contactSource)).toMatchObject({ clientId: null, claimedUrgency: 'no-answer', pageId: null, from: PHONES.unknown });
    expect(await line.sys.pages.list()).toEqual([]);
  });
});
