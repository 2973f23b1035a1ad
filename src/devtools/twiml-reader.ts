import { XMLParser } from 'fast-xml-parser';

/** One TwiML verb as Twilio reads it: its name, attributes, text and nested verbs. */
export interface Verb {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Verb[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, textNodeName: '#text', parseAttributeValue: false, parseTagValue: false });

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function toVerb(node: Node): Verb | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '?xml') return null;
  const content = (node[name] as Node[]) ?? [];
  return {
    name,
    attrs: node[':@'] ?? {},
    text: content.filter((c) => '#text' in c).map((c) => String(c['#text'])).join(''),
    children: content.map(toVerb).filter((v): v is Verb => v !== null),
  };
}

/** Parses a TwiML document into its verbs, in order; throws when it is not a `<Response>`. */
export function readTwiml(xml: string): Verb[] {
  const nodes = parser.parse(xml) as Node[];
  const response = nodes.map(toVerb).find((v) => v?.name === 'Response');
  if (!response) throw new Error('not a TwiML <Response>');
  return response.children;
}

/** Everything a caller hears or reads, in order, with the verb that says it. */
export function spokenText(verbs: Verb[]): string {
  return verbs
    .flatMap((v) => (v.name === 'Say' || v.name === 'Message' ? [v.text] : spokenText(v.children)))
    .join(' ');
}
