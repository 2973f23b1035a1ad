import express from 'express';

/** The baseline for webhook throughput: Express 5, the same body parser, static TwiML. */
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>If you are in danger, hang up and dial 9-1-1. Call or text 9-8-8 any time.</Say><Hangup/></Response>';
const app = express();
app.post('/twilio/voice/answer', express.urlencoded({ extended: false }), (_req, res) => {
  res.type("text/xml").send(TWIML);
});
const server = app.listen(Number(process.argv[2] ?? 0), () => {
  const address = server.address();
  process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : ''}\n`);
});
