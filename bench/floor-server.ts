import express from 'express';
import { Redis } from 'ioredis';
import twilio from 'twilio';

/**
 * The floor of any signed webhook on this stack: Express 5 with the same body parser, the
 * official Twilio signature check, and one Lua script by SHA that writes what an urgency answer
 * must (the source's key, a contact, a page, its due step and its wake-up), then static TwiML. No
 * caller lookup, no triage, no standing. The gap between this and bare Express is the stack's;
 * the gap between afterhours and this is afterhours' own.
 */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>We are paging the on-call psychiatrist now.</Say><Hangup/></Response>';
const { BENCH_AUTH_TOKEN: token = '', BENCH_PUBLIC_BASE_URL: base = '', REDIS_URL: url = 'redis://127.0.0.1:6379', BENCH_PREFIX: prefix = 'bench-floor' } = process.env;
const redis = new Redis(url, { enableAutoPipelining: true });
redis.defineCommand('answer', {
  numberOfKeys: 5,
  lua: `if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], 'id', ARGV[1], 'priority', 'critical', 'status', 'open', 'createdAt', ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1] .. '|0')
redis.call('LPUSH', KEYS[5], ARGV[1] .. '|0')
return 1`,
});
const answer = (redis as unknown as { answer: (...args: string[]) => Promise<number> }).answer.bind(redis);
const app = express();
app.post('/twilio/voice/answer', express.urlencoded({ extended: false }), async (req, res) => {
  if (!req.body || !twilio.validateRequest(token, req.get('x-twilio-signature') ?? '', `${base}${req.originalUrl}`, req.body as Record<string, string>)) {
    res.status(403).end();
    return;
  }
  const sid = String(req.body.CallSid);
  await answer(`${prefix}:source:${sid}`, `${prefix}:contact:${sid}`, `${prefix}:page:${sid}`, `${prefix}:due`, `${prefix}:to-start`, sid, JSON.stringify({ from: req.body.From, claim: 'emergency' }), String(Date.now()));
  res.type('text/xml').send(TWIML);
});
const server = app.listen(Number(process.argv[2] ?? 0), () => {
  const address = server.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : ''}\n`);
});
