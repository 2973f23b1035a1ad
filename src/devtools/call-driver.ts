import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { readTwiml, type Verb } from './twiml-reader.js';

/** What the person on the line does when the call waits for them. */
export type CallerAction = { digits: string } | { speech: string } | { silence: true } | { hangup: true } | { record: string };

/** Asked at every `<Gather>` and `<Record>`: the caller's next move. */
export type Caller = (prompt: { verb: 'Gather' | 'Record'; heard: string }) => Promise<CallerAction> | CallerAction;

/** Everything the driver saw, for a transcript: what was said, pressed, recorded and dialed. */
export type CallEvent =
  | { kind: 'hears'; text: string }
  | { kind: 'plays'; url: string }
  | { kind: 'does'; action: CallerAction }
  | { kind: 'dials'; number: string; callerId: string | null }
  | { kind: 'texted'; text: string }
  | { kind: 'ended'; by: 'caller' | 'line' };

export interface CallDriverOptions {
  accountSid: string;
  authToken: string;
  /** Where status callbacks and recordings pretend to live. */
  standinBaseUrl: string;
}

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** A script of caller actions, used in order; silence once it runs out. */
export function scripted(...actions: CallerAction[]): Caller {
  const queue = [...actions];
  return () => queue.shift() ?? { silence: true };
}

/**
 * Plays a phone call the way Twilio does: posts signed webhooks and follows the TwiML the product
 * answers with (Say, Play, Pause, Gather with digits, speech or silence, Record with its status
 * and transcription callbacks, Redirect, Dial, Hangup, Message), resolving action URLs against
 * the document's URL. Used for inbound calls to the practice and for the page calls to clinicians.
 */
export function createCallDriver(options: CallDriverOptions) {
  async function post(url: string, params: Record<string, string>): Promise<string> {
    const signature = twilio.getExpectedTwilioSignature(options.authToken, url, params);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`the product answered ${res.status} to ${new URL(url).pathname}: ${text.slice(0, 200)}`);
    return text;
  }

  /**
   * Follows one call from its first TwiML document to its end. `statusCallback` gets the final
   * "completed", as Twilio posts to the number's status URL when a call ends.
   */
  async function follow(firstUrl: string, base: Record<string, string>, caller: Caller, onEvent: (e: CallEvent) => void, statusCallback: string | null, firstParams: Record<string, string> = {}): Promise<void> {
    let endedBy: 'caller' | 'line' = 'line';
    let heard: string[] = [];

    const run = async (): Promise<void> => {
      let url = firstUrl;
      let params: Record<string, string> = { ...base, ...firstParams };
      for (let hop = 0; hop < 50; hop++) {
        const next = await execute(readTwiml(await post(url, params)), url);
        if (next === 'end') return;
        url = next.url;
        params = { ...base, ...next.params };
      }
    };

    async function execute(verbs: Verb[], documentUrl: string): Promise<'end' | { url: string; params: Record<string, string> }> {
      for (const verb of verbs) {
        const resolve = (target: string) => new URL(target, documentUrl).toString();
        switch (verb.name) {
          case 'Say':
            heard.push(verb.text);
            onEvent({ kind: 'hears', text: verb.text });
            break;
          case 'Play':
            onEvent({ kind: 'plays', url: verb.text });
            break;
          case 'Pause':
          case 'Reject':
            break;
          case 'Message':
            onEvent({ kind: 'texted', text: verb.text });
            break;
          case 'Gather': {
            for (const inner of verb.children) {
              if (inner.name === 'Say') {
                heard.push(inner.text);
                onEvent({ kind: 'hears', text: inner.text });
              } else if (inner.name === 'Play') onEvent({ kind: 'plays', url: inner.text });
            }
            const action = await caller({ verb: 'Gather', heard: heard.join(' ') });
            heard = [];
            onEvent({ kind: 'does', action });
            if ('hangup' in action) {
              endedBy = 'caller';
              return 'end';
            }
            const target = resolve(verb.attrs.action ?? documentUrl);
            if ('digits' in action) return { url: target, params: { Digits: action.digits } };
            if ('speech' in action) return { url: target, params: { SpeechResult: action.speech, Confidence: '0.92' } };
            if (verb.attrs.actionOnEmptyResult === 'true') return { url: target, params: {} };
            break; // silence: Twilio goes on to the next verb
          }
          case 'Record': {
            const action = await caller({ verb: 'Record', heard: heard.join(' ') });
            heard = [];
            onEvent({ kind: 'does', action });
            const recordingSid = sid('RE');
            const recording = {
              RecordingUrl: `${options.standinBaseUrl}/recordings/${recordingSid}`,
              RecordingSid: recordingSid,
              RecordingDuration: '7',
            };
            const spoken = 'record' in action ? action.record : '';
            if (verb.attrs.recordingStatusCallback) await post(resolve(verb.attrs.recordingStatusCallback), { ...base, ...recording, RecordingStatus: 'completed' });
            if (verb.attrs.transcribeCallback && spoken) {
              await post(resolve(verb.attrs.transcribeCallback), { ...base, ...recording, TranscriptionText: spoken, TranscriptionStatus: 'completed' });
            }
            const target = resolve(verb.attrs.action ?? documentUrl);
            if ('hangup' in action) {
              // Twilio still requests the action when the caller hangs up, and ignores its TwiML.
              await post(target, { ...base, ...recording, Digits: 'hangup' });
              endedBy = 'caller';
              return 'end';
            }
            return { url: target, params: { ...recording, Digits: '#' } };
          }
          case 'Redirect':
            return { url: resolve(verb.text), params: {} };
          case 'Dial':
            onEvent({ kind: 'dials', number: verb.children.find((c) => c.name === 'Number')?.text ?? verb.text, callerId: verb.attrs.callerId ?? null });
            return 'end';
          case 'Hangup':
            return 'end';
          default:
            throw new Error(`the call driver does not know the verb <${verb.name}>`);
        }
      }
      return 'end';
    }

    try {
      await run();
    } finally {
      onEvent({ kind: 'ended', by: endedBy });
      if (statusCallback) await post(statusCallback, { ...base, CallStatus: 'completed', CallDuration: '30' }).catch(() => undefined);
    }
  }

  return {
    /** A client calls the practice number. */
    async callIn(input: { productBaseUrl: string; from: string; to: string; caller: Caller; onEvent: (e: CallEvent) => void }): Promise<string> {
      const callSid = sid('CA');
      const base = { CallSid: callSid, AccountSid: options.accountSid, From: input.from, To: input.to, Direction: 'inbound', CallStatus: 'in-progress', ApiVersion: '2010-04-01' };
      await follow(`${input.productBaseUrl}/twilio/voice`, base, input.caller, input.onEvent, `${input.productBaseUrl}/twilio/voice/status`, { CallStatus: 'ringing' });
      return callSid;
    },

    /** A call the product placed (a page, a bridge) is answered by a person or by voicemail. */
    async answer(input: { callSid: string; from: string; to: string; url: string; statusCallback: string | null; answeredBy: 'human' | 'machine_end_beep'; caller: Caller; onEvent: (e: CallEvent) => void }): Promise<void> {
      const base = { CallSid: input.callSid, AccountSid: options.accountSid, From: input.from, To: input.to, Direction: 'outbound-api', CallStatus: 'in-progress', ApiVersion: '2010-04-01' };
      await follow(input.url, base, input.caller, input.onEvent, input.statusCallback, { AnsweredBy: input.answeredBy });
    },

    /** A text to the practice number; the product's replies come back as the TwiML's messages. */
    async text(input: { productBaseUrl: string; from: string; to: string; body: string }): Promise<string[]> {
      const params = { MessageSid: sid('SM'), AccountSid: options.accountSid, From: input.from, To: input.to, Body: input.body, NumMedia: '0', ApiVersion: '2010-04-01' };
      const verbs = readTwiml(await post(`${input.productBaseUrl}/twilio/sms`, params));
      return verbs.filter((v) => v.name === 'Message').map((v) => v.text);
    },

    /** A call that rings out unanswered: only its final status reaches the product. */
    async noAnswer(input: { callSid: string; from: string; to: string; statusCallback: string | null }): Promise<void> {
      if (!input.statusCallback) return;
      await post(input.statusCallback, { CallSid: input.callSid, AccountSid: options.accountSid, From: input.from, To: input.to, CallStatus: 'no-answer', Direction: 'outbound-api' }).catch(() => undefined);
    },
  };
}

export type CallDriver = ReturnType<typeof createCallDriver>;
