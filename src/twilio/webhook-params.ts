/** The picture addresses of an incoming text (Twilio's NumMedia and MediaUrlN), at most ten. */
export function mediaOf(body: Record<string, unknown>): string[] {
  const count = Math.min(Number(body.NumMedia ?? 0) || 0, 10);
  return Array.from({ length: count }, (_, i) => String(body[`MediaUrl${i}`] ?? '')).filter(Boolean);
}
