import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioConfig } from '../config.js';

/**
 * Why a send failed, in the terms the ladder acts on: try again later (Twilio did not take it),
 * move on to the next tier, reach them by voice instead (a text to someone who sent STOP), or
 * unknown: the request timed out after it left, so Twilio may have sent it and a resend could
 * page the clinician twice.
 */
export type SendFailureKind = 'retryable' | 'invalid-number' | 'opted-out' | 'rejected' | 'unknown';

export class TwilioSendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    readonly code: number | null,
    readonly status: number | null,
  ) {
    // Twilio's own message can quote the number; keep only the code.
    super(`Twilio refused the request: ${kind}${code ? ` (error ${code})` : ''}${status ? `, HTTP ${status}` : ''}`);
    this.name = 'TwilioSendError';
  }
}

const INVALID_NUMBER_CODES = new Set([21211, 21214, 21217, 21401, 21407, 21421, 21612, 21614, 13223, 13224, 13214, 21215, 21408]);

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

export function classifyTwilioError(error: unknown): TwilioSendError {
  if (error instanceof TwilioSendError) return error;
  const e = error as { status?: number; code?: number | string };
  if (typeof e.code === 'string' && TIMEOUT_CODES.has(e.code)) return new TwilioSendError('unknown', null, null);
  const status = typeof e.status === 'number' ? e.status : null;
  const code = typeof e.code === 'number' ? e.code : null;
  if (code === 21610) return new TwilioSendError('opted-out', code, status);
  if (code !== null && INVALID_NUMBER_CODES.has(code)) return new TwilioSendError('invalid-number', code, status);
  if (status === null || status >= 500 || status === 429 || status === 408) return new TwilioSendError('retryable', code, status);
  return new TwilioSendError('rejected', code, status);
}

export interface OutboundCall {
  to: string;
  /** The TwiML the call plays when answered. */
  url: string;
  statusCallback: string;
  /** Answering-machine detection, so a voicemail greeting is never taken for a clinician. */
  detectMachine?: boolean;
  timeoutSeconds?: number;
}

export interface Messenger {
  sendSms(to: string, body: string, statusCallback?: string): Promise<string>;
  startCall(call: OutboundCall): Promise<string>;
  close(): Promise<void>;
}

/**
 * The official twilio client, sending from the practice number. Requests go to
 * `TWILIO_API_BASE_URL` (Twilio itself, a compatible provider, or the local stand-in of the
 * demo) by rewriting the API host on each request; the twilio package builds everything else.
 */
export function createMessenger(config: TwilioConfig, options: { timeoutMs?: number; statusCallback?: string } = {}): Messenger {
  const base = config.apiBaseUrl;
  class BaseUrlRequestClient extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      return super.request<T>({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z0-9.-]*api\.twilio\.com/, base) });
    }
  }
  const client = twilio(config.accountSid, config.authToken, {
    httpClient: new BaseUrlRequestClient({ timeout: options.timeoutMs ?? 10_000, keepAlive: true }),
    autoRetry: false,
  });

  return {
    async sendSms(to, body, statusCallback) {
      try {
        // Every text carries a status callback, so a delivery failure is always seen.
        const callback = statusCallback ?? options.statusCallback;
        const message = await client.messages.create({ to, from: config.phoneNumber, body, ...(callback ? { statusCallback: callback } : {}) });
        return message.sid;
      } catch (error) {
        throw classifyTwilioError(error);
      }
    },
    async startCall(call) {
      try {
        const created = await client.calls.create({
          to: call.to,
          from: config.phoneNumber,
          url: call.url,
          method: 'POST',
          statusCallback: call.statusCallback,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          timeout: call.timeoutSeconds ?? 30,
          ...(call.detectMachine ? { machineDetection: 'Enable' } : {}),
        });
        return created.sid;
      } catch (error) {
        throw classifyTwilioError(error);
      }
    },
    async close() {},
  };
}
