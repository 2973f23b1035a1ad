import type { Redis } from 'ioredis';
import { createCallState } from '../calls/call-state.js';
import { createCheckInReplyLine } from '../checkins/reply-line.js';
import { createCheckInScheduler } from '../checkins/scheduler.js';
import { unansweredCheckIns } from '../checkins/unanswered.js';
import type { Config } from '../config.js';
import { createDispositionQuestions } from '../dispositions/questions.js';
import { createDispositionReplies } from '../dispositions/replies.js';
import { createIntake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { createOutbox } from '../outbox/index.js';
import { createDegradedLine } from '../outage/degraded.js';
import { createSpoolReplayer } from '../outage/replay.js';
import { createSpool } from '../outage/spool.js';
import { createAcknowledger } from '../paging/acknowledge.js';
import { createLadder } from '../paging/ladder.js';
import { createPagerReplies } from '../paging/pager-replies.js';
import { createPageQueue } from '../paging/queue.js';
import { createReconciler } from '../paging/reconciler.js';
import type { Keys } from '../store/keys.js';
import { createTextLine } from '../texts/conversation.js';
import { createClientTexts } from '../texts/client-texts.js';
import { createDigest } from '../texts/digest.js';
import { createMessenger, TwilioSendError, type Messenger } from '../twilio/client.js';
import type { Stores } from './stores.js';

/** How often the web half looks for outage contacts to replay once Redis answers. */
const SPOOL_REPLAY_INTERVAL_MS = 5_000;

/** Without a Twilio account nothing can be sent; jobs fail as retryable and wait for one. */
const NO_MESSENGER: Messenger = {
  sendSms: async () => Promise.reject(new TwilioSendError('retryable', null, null)),
  startCall: async () => Promise.reject(new TwilioSendError('retryable', null, null)),
  close: async () => {},
};

export interface ServiceDeps {
  config: Config;
  redis: Redis;
  keys: Keys;
  stores: Stores;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}

/** What the product does, over the stores: intake, paging, the outbox, the text line, the outage line. */
export function createServices(deps: ServiceDeps) {
  const { config, redis, keys, metrics, log, now } = deps;
  const { directory, history, oncall, pages, optOuts, checkIns, audit } = deps.stores;
  const statusCallback = `${config.publicBaseUrl}/twilio/page/status`;
  const messenger = config.twilio ? createMessenger(config.twilio, { timeoutMs: config.twilioTimeoutMs, statusCallback }) : NO_MESSENGER;
  const queue = createPageQueue({ connection: redis, keys, log });
  const outbox = createOutbox({ redis, keys, messenger, optOuts, log, now, practiceName: config.practiceName, statusCallback });
  const paging = { config, redis, keys, pages, directory, history, messenger, outbox, queue, metrics, log, now };
  const ladder = createLadder({ ...paging, oncall });
  const acknowledger = createAcknowledger(paging);
  const intake = createIntake({ history, pages, queue, optOuts, metrics, log, now });
  const spool = createSpool({ dir: config.spoolDir, log });
  const degraded = createDegradedLine({ config, messenger: config.twilio ? messenger : null, spool, log, now });
  const pagerReplies = createPagerReplies({ config, pages, directory, acknowledger, ladder, queue });
  const textLine = createTextLine({ config, redis, keys, intake, history, directory, pages, optOuts, log, now });
  // The trust loop: check-ins between sessions, and the morning question whether a page was warranted.
  const checkInScheduler = createCheckInScheduler({ config, redis, keys, store: checkIns, directory, outbox, log, now });
  const checkInReplies = createCheckInReplyLine({ redis, keys, store: checkIns, intake, history, optOuts, log, now });
  const clientTexts = createClientTexts({ textLine, checkInReplies });
  const replayer = createSpoolReplayer({ config, redis, keys, spool, directory, history, intake, clientTexts, log, intervalMs: SPOOL_REPLAY_INTERVAL_MS });
  const dispositionQuestions = createDispositionQuestions({ config, redis, keys, pages, history, directory, outbox, log, now });
  const dispositions = createDispositionReplies({ questions: dispositionQuestions, history, directory, audit, now });
  const morning = {
    askDispositions: () => dispositionQuestions.ask(),
    unansweredCheckIns: (since: Date, at: Date) => unansweredCheckIns({ store: checkIns, directory, history }, since, at),
  };
  const digest = createDigest({ config, redis, keys, directory, history, outbox, pageQueue: queue, log, now, morning });
  const reconciler = createReconciler({ redis, keys, ladder, onAnswerTimeout: textLine.onAnswerTimeout, log, intervalMs: config.reconcileIntervalMs, now });
  return {
    callState: createCallState({ redis, keys }),
    messenger,
    queue,
    outbox,
    ladder,
    acknowledger,
    intake,
    spool,
    degraded,
    replayer,
    pagerReplies,
    textLine,
    digest,
    checkInScheduler,
    checkInReplies,
    clientTexts,
    dispositionQuestions,
    dispositions,
    reconciler,
    async close() {
      await replayer.close();
      await Promise.all([queue.close(), digest.close(), checkInScheduler.close(), messenger.close()]);
    },
  };
}

export type Services = ReturnType<typeof createServices>;
