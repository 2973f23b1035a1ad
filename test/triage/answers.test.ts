import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsEmergency, readUrgencyDigits, readUrgencyReply, readUrgencyWords } from '../../src/triage/answers.js';

describe('triage/answers: reading the answer to "is this an emergency?"', () => {
  it.each([
    ['yes', 'emergency'],
    ['Yes.', 'emergency'],
    ["it's an emergency", 'emergency'],
    ['yeah I need help', 'emergency'],
    ['YES!!!', 'emergency'],
    ['sí', 'emergency'],
    ['es una emergencia', 'emergency'],
    ['no, it is an emergency', 'emergency'],
    ['yes I am not okay', 'emergency'],
    ['I need help now', 'emergency'],
    ['please call me right now', 'emergency'],
    ['necesito ayuda', 'emergency'],
    ['llámenme ya', 'emergency'],
    ['ayúdeme', 'emergency'],
    ['ayúdeme por favor', 'emergency'],
    ['llámeme ya', 'emergency'],
    ['llámeme ahora, por favor', 'emergency'],
    ['necesito que me llame ya', 'emergency'],
    ['necesito que me llames ahora', 'emergency'],
    ['call me back immediately', 'emergency'],
    ['I need help right away', 'emergency'],
    ['need help immediately', 'emergency'],
    ['help plz', 'emergency'],
    ['pls help me', 'emergency'],
    ['somebody help me', 'emergency'],
    ['its an emergecy', 'emergency'],
    ['no', 'not-emergency'],
    ['No.', 'not-emergency'],
    ['not really', 'not-emergency'],
    ["it's not an emergency", 'not-emergency'],
    ['nope', 'not-emergency'],
    ['no es urgente', 'not-emergency'],
    ['no es una emergencia', 'not-emergency'],
    ['yes but it is not urgent', 'not-emergency'],
    ['it can wait', 'not-emergency'],
    ['nothing urgent', 'not-emergency'],
    ["I'm not okay", 'unsure'],
    ['im not ok', 'unsure'],
    ['not good', 'unsure'],
    ['not safe', 'emergency'],
    ["I don't feel safe", 'emergency'],
    ["I don't know", 'unsure'],
    ['idk', 'unsure'],
    ['not sure', 'unsure'],
    ['maybe', 'unsure'],
    ['kind of', 'unsure'],
    ['no, I don’t know', 'unsure'],
    ["it's not an emergency but I'm not okay", 'unsure'],
    ['no sé', 'unsure'],
    ['no se', 'unsure'],
    ['no estoy bien', 'unsure'],
    ['tal vez', 'unsure'],
    ["I don't think I can make it through the night", 'emergency'],
    ['no me siento segura', 'emergency'],
    ['No, emergency. Call me', 'emergency'],
    ['¡No! ¡Es urgente!', 'emergency'],
    ['HELP ME', 'emergency'],
    ["I don't want to be alone tonight", 'unsure'],
    ["there's no point anymore", 'unsure'],
    ['nah not really ok', 'unsure'],
    ['I have no one to talk to', 'unsure'],
    ['no puedo esperar', 'unsure'],
    ['no aguanto más', 'unsure'],
    ['no im feeling really bad', 'unsure'],
    ['no but i feel terrible', 'unsure'],
    ['no i feel awful', 'unsure'],
    ['no im so anxious', 'unsure'],
    ['no im having a hard time', 'unsure'],
    ['nah im a mess', 'unsure'],
    ['no but im drunk', 'unsure'],
    ["no i'm hearing voices", 'unsure'],
    ['no, me siento fatal', 'unsure'],
    ['no, estoy triste', 'unsure'],
    ['no pero me siento horrible', 'unsure'],
    ['no, tengo mucha ansiedad', 'unsure'],
    ['no im fine', 'not-emergency'],
    ['no, not bad', 'not-emergency'],
    ['nope not too bad', 'not-emergency'],
    ['no thanks im good', 'not-emergency'],
    ['no just a question', 'not-emergency'],
    ["I don't think it's an emergency", 'not-emergency'],
    ["I wouldn't say it's an emergency", 'not-emergency'],
    ['ninguna emergencia', 'not-emergency'],
    ['sí, pero no es urgente', 'not-emergency'],
    ['no rush', 'not-emergency'],
    ['no I was wondering if I could move my appointment on thursday', null],
    ['I wanted to ask about my refill', null],
    ['', null],
    [null, null],
  ] as const)('when the caller says %j, then it reads as %s', (words, answer) => {
    expect(readUrgencyWords(words)).toBe(answer);
  });

  it.each([
    ['1', 'emergency'],
    ['2', 'not-emergency'],
    ['9', 'spanish'],
    ['5', null],
    ['', null],
    ['12', 'emergency'],
  ] as const)('when the caller presses %j, then it reads as %s', (digits, answer) => {
    expect(readUrgencyDigits(digits)).toBe(answer);
  });

  it.each([
    ['YES', 'emergency'],
    ['y', 'emergency'],
    ['Yeah', 'emergency'],
    ['emergency', 'emergency'],
    ['1', 'emergency'],
    ['si', 'emergency'],
    ['NO', 'not-emergency'],
    ['n', 'not-emergency'],
    ['nope', 'not-emergency'],
    ['2', 'not-emergency'],
    ['maybe', 'unsure'],
    ['1.', 'emergency'],
    ['2!', 'not-emergency'],
    ['what?', null],
  ] as const)('when a text reply is %j, then it reads as %s', (text, answer) => {
    expect(readUrgencyReply(text)).toBe(answer);
  });
});

describe('triage/answers: a claimed emergency in free words (invariant 2)', () => {
  it.each([
    'EMERGENCY please call me right now',
    'this is an emergency, call me',
    "YES it's an emergency now, please call me",
    'urgent!!',
    'I need help now',
    'please help me',
    'call me asap',
    'it cant wait',
    'necesito ayuda',
    'es urgente',
    'es una emergencia',
    'ayúdenme por favor',
    'No, it IS an emergency',
    'No, I need help now',
    'No! Please call me now',
    'no, this cant wait',
    'No, SOS',
    'No it IS an emergency',
    'no its urgent',
    'no this is an emergency',
    'no really its urgent please call',
    'no no its an emergency',
    'No, necesito ayuda',
    'HELP',
    'help!!',
    'ayúdame',
    'I need help',
    "I don't feel safe",
    'I need an ambulance',
    'I think I need to go to the ER',
    'I need to go to the hospital',
    'should I call 911?',
    "can't breathe, chest pain",
    'my throat is swelling after the new med',
    'having a seizure',
    'necesito una ambulancia',
    'no puedo respirar',
  ])('invariant 2: when a text says %j, then it claims an emergency', (text) => {
    expect(claimsEmergency(text)).toBe(true);
  });

  it.each([
    "it's not an emergency",
    'not urgent, just a question',
    'no es urgente',
    'no es una emergencia',
    'nothing urgent',
    'non urgent question about billing',
    'can you help me with a form',
    'I need help with my insurance form',
    'can you send my refill asap',
    "I don't think it's an emergency",
    'Doesn’t need to be urgent',
    'ninguna emergencia',
    'call me when you can',
    'hi',
    '',
  ])('when a text says %j, then it claims no emergency', (text) => {
    expect(claimsEmergency(text)).toBe(false);
  });

  const claims = ['emergency', 'urgent', 'I need help now', 'call me right now', 'necesito ayuda', 'es urgente', 'please help me'];
  const surroundings = fc.constantFrom('', 'hi ', 'sorry to bother you but ', 'ok ', 'hola ', 'please ', '🙏 ');
  const endings = fc.constantFrom('', '!!', ' please', ' tonight', '...', ' 😭', ' por favor');

  it('invariant 2: property: a claim is heard whatever case, punctuation, emoji or words stand around it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...claims), surroundings, endings, fc.boolean(), (claim, before, after, upper) => {
        const text = `${before}${upper ? claim.toUpperCase() : claim}${after}`;
        expect(claimsEmergency(text)).toBe(true);
        expect(readUrgencyWords(text)).toBe('emergency');
      }),
    );
  });

  const doubts = ["I'm not okay", 'not sure', "I don't know", 'maybe', 'no sé', 'no estoy bien', 'not good', 'kind of', 'not really ok', "I don't want to be alone", 'no one to talk to', 'no aguanto'];

  it('invariant 2: property: distress and doubt are never read as "no", whatever stands around them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...doubts), fc.constantFrom('', 'no ', 'um ', 'honestly ', 'nah ', 'idk '), endings, (doubt, before, after) => {
        expect(readUrgencyWords(`${before}${doubt}${after}`)).not.toBe('not-emergency');
        expect(readUrgencyWords(`${before}${doubt}${after}`)).not.toBeNull();
      }),
    );
  });

  it('invariant 2: property: "no" then "it\'s" / "this is" and a claim, written or heard without a comma, is a claim, not a negation of it', () => {
    fc.assert(
      fc.property(fc.constantFrom('no', 'No', 'no no', 'no really'), fc.constantFrom("it's", 'its', 'it is', 'this is', "that's"), fc.constantFrom('an emergency', 'urgent', 'really urgent', 'an actual emergency'), endings, (no, it, claim, after) => {
        expect(readUrgencyWords(`${no} ${it} ${claim}${after}`)).toBe('emergency');
      }),
    );
  });

  it('property: an emergency word right after a negation is a message, not a claim', () => {
    fc.assert(
      fc.property(fc.constantFrom("it's not", 'this is not', 'no es', 'not really', 'isnt', 'nothing'), fc.constantFrom('an emergency', 'urgent', 'una emergencia', 'urgente'), (negation, claim) => {
        expect(claimsEmergency(`${negation} ${claim}`)).toBe(false);
      }),
    );
  });
});
