import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

/**
 * Validates TwiML against Twilio's published voice schema (copied into test/fixtures from the
 * public twiml-generator repository), with libxml2's xmllint compiled to WebAssembly.
 */
const dir = new URL('../fixtures/twiml-schema/', import.meta.url);
const file = (name: string) => ({ fileName: name, contents: readFileSync(new URL(name, dir), 'utf8') });

export async function twimlSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'answer.xml', contents: xml },
    schema: file('twiml_v20100401_twilioRealtimeCallSchema.xsd'),
    preload: [file('synthesis-nonamespace.xsd'), file('twilio-extensions.xsd'), file('xml.xsd')],
  });
  return result.errors.map((e) => e.message ?? String(e));
}
