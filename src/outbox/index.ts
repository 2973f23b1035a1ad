export { createOutbox, type FinalFailureKind, type Outbox, type SendKey, type SendOutcome, type SendRecord, type SendScope } from './outbox.js';
export { type Message, type MessageKind } from './messages.js';
export { IN_PROGRESS, REPLY_TTL_SECONDS } from './replies.js';
