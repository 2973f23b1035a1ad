/**
 * The rules of crisis-terms.ts compiled to regular expressions over text as the rules read it,
 * with a word index so that a text runs only the templates it could match.
 */
import { CLASSES, CRISIS_RULES, type CrisisCategory, type CrisisRule } from './crisis-terms.js';
import { normalise, reading } from './crisis-reading.js';

/** Why a text paged, in words a clinician can read. Never the client's words: both fields come from the reviewed rule table. */
export interface CrisisMatch {
  readonly category: CrisisCategory;
  readonly rule: string;
}

// ── compiling the rule templates of crisis-terms.ts ───────────────────────────────────────

const WORD = '[a-z0-9]+';
/** A count of five or more, not the tail of a decimal ("0.5" reads as "0 5"). */
const COUNT = '(?<![0-9] )(?:[5-9]|[1-9][0-9]+)';
const DOSE = '(?:[5-9][0-9]{2}|[1-9][0-9]{3,}) ?(?:mg|mgs|miligrams?|miligramos?)';
const classSources = new Map<string, string>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A literal word or words, read the way texts are read ("cant" → "can not", "kill" → "kil"). */
function literal(word: string): string {
  const prefix = word.endsWith('*');
  const read = reading(normalise(word.replace(/\*$/, '').replace(/_/g, ' ')));
  if (!read) throw new Error(`crisis-terms: empty word in ${JSON.stringify(word)}`);
  return escape(read) + (prefix ? '[a-z]*' : '');
}

/** The read form of an alternative that is plain words ("kill" → "kil", "want to"), or null (a class, a group, a prefix, a gap). */
function plainWord(alt: string): string | null {
  if (!/^[a-z0-9]+(?:[ _][a-z0-9]+)*$/.test(alt)) return null;
  const read = reading(normalise(alt.replace(/_/g, ' ')));
  return /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(read) ? read : null;
}

/** Plain words as one expression sharing their prefixes: "cut|cuts|cutting" → "cut(?:s|ting)?". */
function trie(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  let empty = false;
  for (const w of words) {
    if (w === '') empty = true;
    else {
      const rest = byFirst.get(w[0] as string);
      if (rest) rest.push(w.slice(1));
      else byFirst.set(w[0] as string, [w.slice(1)]);
    }
  }
  const branches = [...byFirst].map(([c, rest]) => escape(c) + trie(rest));
  if (branches.length === 0) return '';
  const body = branches.length === 1 ? branches[0] as string : `(?:${branches.join('|')})`;
  return empty ? `(?:${body})?` : body;
}

/**
 * Alternatives joined with `|`; each run of plain words and phrases is written as one prefix tree,
 * which V8 tries much faster than a long list. Whether a template matches a text is unchanged: a
 * plain word is always followed by the end of a word (a space or the end of the text), and the
 * tree holds the same words; only which of two phrases that both fit ("will", "will not") is tried
 * first may differ, which can move where a match ends by a word. The order of the alternatives
 * around a run is kept.
 */
function joinAlternatives(items: readonly { source: string; word: string | null }[]): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) out.push(trie([...new Set(run)]));
    else if (run.length === 1) out.push(escape(run[0] as string));
    run = [];
  };
  for (const item of items) {
    if (item.word !== null) run.push(item.word);
    else {
      flush();
      out.push(item.source);
    }
  }
  flush();
  return out.join('|');
}

function classSource(name: string): string {
  const known = classSources.get(name);
  if (known !== undefined) return known;
  const entries = CLASSES[name];
  if (!entries) throw new Error(`crisis-terms: unknown class {${name}}`);
  classSources.set(name, '(?!)'); // a class may not contain itself
  const source = `(?:${joinAlternatives(entries.map((e) => ({ source: compile(e, false), word: plainWord(e) })))})`;
  classSources.set(name, source);
  return source;
}

/** Splits a template into tokens; a parenthesised group is one token however many words it holds. */
function tokensOf(template: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of template.trim()) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (/\s/.test(ch) && depth === 0) {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) throw new Error(`crisis-terms: unbalanced parentheses in ${JSON.stringify(template)}`);
  if (current) tokens.push(current);
  return tokens;
}

/** Splits on `|` outside parentheses. */
function alternativesOf(token: string): string[] {
  const alts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of token) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === '|' && depth === 0) {
      alts.push(current);
      current = '';
    } else current += ch;
  }
  alts.push(current);
  return alts;
}

/** One alternative of a token: a class, a count, a dose, a word, or a group of templates. */
function alternative(alt: string): string {
  const cls = /^\{([A-Z_]+)\}$/.exec(alt);
  if (cls) return classSource(cls[1] as string);
  if (alt === '#COUNT') return COUNT;
  if (alt === '#DOSE') return DOSE;
  if (alt.startsWith('(') && alt.endsWith(')')) {
    const inner = alternativesOf(alt.slice(1, -1));
    if (inner.includes('$')) throw new Error(`crisis-terms: write $ outside the group in ${JSON.stringify(alt)}`);
    return `(?:${inner.map((t) => compile(t, false)).join('|')})`;
  }
  if (/\s/.test(alt)) return `(?:${compile(alt, false)})`;
  if (/[()]/.test(alt)) throw new Error(`crisis-terms: malformed token ${JSON.stringify(alt)}`);
  return literal(alt);
}

/** A token with its leading separator; `$` among the alternatives is the end of the text. */
function tokenSource(token: string, lead: string): string {
  const alts = token.startsWith('(') && token.endsWith(')') && alternativesOf(token).length === 1
    ? alternativesOf(token.slice(1, -1))
    : alternativesOf(token);
  const words = alts.filter((a) => a !== '$');
  const body = `${lead}(?:${joinAlternatives(words.map((w) => ({ source: alternative(w), word: plainWord(w) })))})`;
  return words.length < alts.length ? `(?:$|${body})` : body;
}

/**
 * A template as a regular expression over the read text. Each word is preceded by a space or by
 * the start of the text (or, inside a class or group, by whatever precedes it); a whole rule
 * must end at a word's end.
 */
/**
 * Words a text may open with before what `^` anchors ("hey, at the cliff", "um cut again"): a
 * greeting or a filler must not hide a message that is only a place or an act.
 */
const OPENERS = ['hey', 'hi', 'hello', 'um', 'umm', 'uh', 'ok', 'okay', 'so', 'honestly', 'well', 'hola', 'oye', 'pues', 'bueno'];
const OPENING = `^(?:(?:${OPENERS.join('|')}) )*`;

export function compile(template: string, whole: boolean): string {
  let out = '';
  let lead = whole ? '(?:^| )' : '';
  let ended = false;
  for (const token of tokensOf(template)) {
    if (token === '^') {
      out += OPENING;
      lead = '';
      continue;
    }
    if (token === '$') {
      out += '$';
      ended = true;
      continue;
    }
    const gap = /^~(\d)$/.exec(token);
    if (gap && out === '') throw new Error(`crisis-terms: a template may not start with a gap: ${JSON.stringify(template)}`);
    if (gap) {
      out += `(?: ${WORD}){0,${gap[1]}}`;
      continue;
    }
    if (token.startsWith('!')) {
      out += `(?!${tokenSource(token.slice(1), ' ')}(?: |$))`;
      continue;
    }
    if (token.endsWith('?') && token.length > 1) {
      // an optional first word: whether or not it is there, the next word starts where a word may start
      out += `(?:${tokenSource(token.slice(0, -1), lead || ' ')})?`;
      if (lead !== ' ') lead = whole ? '(?:^| )' : '(?:^| |(?<= ))';
      continue;
    }
    out += tokenSource(token, lead);
    lead = ' ';
  }
  return whole && !ended ? `${out}(?= |$)` : out;
}

// ── which templates a text can match at all: a word index ───────────────────────────────
//
// Every template has tokens that must match (not optional, not a gap, not a negation), and each
// such token starts with one of a known set of words ("{MED}" starts with "pils", "meds", …). A
// text in which none of those words occurs cannot match the template, so the template's regular
// expression is not run on it. Which words a text holds is looked up once per text; the filter
// only ever skips a template that could not have matched, so it never changes a result. Tokens
// whose first word is not a fixed word (a prefix such as "suicid*", a count, an optional word,
// the end of the text) give no filter; a template with no filtering token is always run.

/** Very common words: a template is better filtered by a rarer token when it has one. */
const COMMON = new Set([
  'i', 'a', 'the', 'to', 'my', 'me', 'and', 'of', 'it', 'is', 'am', 'not', 'do', 'you', 'in', 'on', 'that', 'this', 'so', 'just',
  'be', 'have', 'for', 'at', 'no', 'was', 'all', 'can', 'will', 'que', 'de', 'la', 'el', 'mi', 'y', 'en', 'lo', 'se', 'ya', 'una',
  'un', 'los', 'las', 'he', 'she', 'they', 'with', 'if', 'what', 'want', 'going', 'about',
]);

/** The words one of which a template must begin with, or null when that cannot be said. */
function firstWordsOfTemplate(template: string): Set<string> | null {
  const words = new Set<string>();
  for (const token of tokensOf(template)) {
    if (token === '^' || token.startsWith('!')) continue;
    if (token === '$' || /^~\d$/.test(token)) return null;
    const optional = token.endsWith('?') && token.length > 1;
    const own = firstWordsOfToken(optional ? token.slice(0, -1) : token);
    if (own === null) return null;
    for (const w of own) words.add(w);
    if (!optional) return words;
  }
  return null;
}

const classFirstWords = new Map<string, Set<string> | null>();

/** The words one of which a token must begin with, or null. */
function firstWordsOfToken(token: string): Set<string> | null {
  const alts = token.startsWith('(') && token.endsWith(')') && alternativesOf(token).length === 1
    ? alternativesOf(token.slice(1, -1))
    : alternativesOf(token);
  const words = new Set<string>();
  for (const alt of alts) {
    let own: Set<string> | null;
    const cls = /^\{([A-Z_]+)\}$/.exec(alt);
    if (alt === '$' || alt.startsWith('#') || alt.endsWith('*')) own = null;
    else if (cls) {
      const name = cls[1] as string;
      if (!classFirstWords.has(name)) {
        classFirstWords.set(name, null); // a class may not contain itself
        const entries = (CLASSES[name] ?? []).map(firstWordsOfTemplate);
        classFirstWords.set(name, entries.some((e) => e === null) ? null : new Set(entries.flatMap((e) => [...(e as Set<string>)])));
      }
      own = classFirstWords.get(name) ?? null;
    } else if ((alt.startsWith('(') && alt.endsWith(')')) || /\s/.test(alt)) {
      const inner = alt.startsWith('(') ? alternativesOf(alt.slice(1, -1)) : [alt];
      const each = inner.map(firstWordsOfTemplate);
      own = each.some((e) => e === null) ? null : new Set(each.flatMap((e) => [...(e as Set<string>)]));
    } else {
      own = new Set([reading(normalise(alt.replace(/_/g, ' '))).split(' ')[0] as string]);
    }
    if (own === null) return null;
    for (const w of own) words.add(w);
  }
  return words.size > 0 ? words : null;
}

/** The rarest-looking set of words a template needs one of, or null (always run it). */
function neededWords(template: string): Set<string> | null {
  let best: Set<string> | null = null;
  let bestScore = Infinity;
  for (const token of tokensOf(template)) {
    if (token === '^' || token === '$' || token.startsWith('!') || /^~\d$/.test(token) || (token.endsWith('?') && token.length > 1)) continue;
    const words = firstWordsOfToken(token);
    if (words === null) continue;
    const score = [...words].some((w) => COMMON.has(w)) ? 100000 + words.size : words.size;
    if (score < bestScore) {
      best = words;
      bestScore = score;
    }
  }
  return best;
}

interface CompiledTemplate {
  /** Global, so that every match can be walked when exceptions have to be checked; reset lastIndex before use. */
  readonly when: RegExp;
  /** Index into the per-text table of templates a text may match; -1: always run. */
  readonly slot: number;
}

interface CompiledRule {
  readonly match: CrisisMatch;
  readonly templates: readonly CompiledTemplate[];
  readonly unless: RegExp | null;
}

/** Word → the slots of the templates that need it. */
const NEEDED_BY = new Map<string, number[]>();
let slots = 0;

function compileRule(rule: CrisisRule): CompiledRule {
  const source = (templates: readonly string[]) => templates.map((t) => compile(t, true)).join('|');
  const templates = rule.when.map((template): CompiledTemplate => {
    const needed = neededWords(template);
    let slot = -1;
    if (needed !== null) {
      slot = slots++;
      for (const word of needed) {
        const list = NEEDED_BY.get(word);
        if (list) list.push(slot);
        else NEEDED_BY.set(word, [slot]);
      }
    }
    return { when: new RegExp(compile(template, true), 'g'), slot };
  });
  return {
    match: Object.freeze({ category: rule.category, rule: rule.rule }),
    templates,
    unless: rule.unless?.length ? new RegExp(source(rule.unless)) : null,
  };
}

/** Words either side of a match in which a rule's exceptions are looked for. */
const EXCEPTION_REACH = 8;

/** Where the word EXCEPTION_REACH words before `at` starts (or 0). */
function wordsBack(read: string, at: number): number {
  let spaces = 0;
  for (let i = at - 1; i >= 0; i -= 1) {
    if (read.charCodeAt(i) === 32 && (spaces += 1) > EXCEPTION_REACH) return i + 1;
  }
  return 0;
}

/** Where the word EXCEPTION_REACH words after `at` ends (or the end). */
function wordsOn(read: string, at: number): number {
  let spaces = 0;
  for (let i = at; i < read.length; i += 1) {
    if (read.charCodeAt(i) === 32 && (spaces += 1) > EXCEPTION_REACH) return i;
  }
  return read.length;
}

/**
 * Whether one template of a rule matches somewhere the rule's exceptions do not reach. An
 * exception is local: "like you said" in one sentence of a long voicemail must not silence
 * "i took 30 of my pills" in another.
 */
function templateFires(all: RegExp, unless: RegExp | null, read: string): boolean {
  all.lastIndex = 0;
  if (!unless) return all.test(read);
  for (let m = all.exec(read); m !== null; m = all.exec(read)) {
    if (!unless.test(read.slice(wordsBack(read, m.index), wordsOn(read, m.index + m[0].length)))) return true;
    all.lastIndex = m.index + 1; // overlapping matches: a later one may stand clear of the exception
  }
  return false;
}

/** Whether a rule fires on a read text, running only the templates whose needed words the text holds. */
export function fires(rule: CompiledRule, read: string, possible: Uint8Array): boolean {
  for (const template of rule.templates) {
    if (template.slot >= 0 && possible[template.slot] === 0) continue;
    if (templateFires(template.when, rule.unless, read)) return true;
  }
  return false;
}

export const RULES: readonly CompiledRule[] = CRISIS_RULES.map(compileRule);

/** The templates a read text may match: those whose needed words it holds. */
export function possibleTemplates(read: string): Uint8Array {
  const possible = new Uint8Array(slots);
  for (const word of new Set(read.split(' '))) {
    const list = NEEDED_BY.get(word);
    if (list) for (const slot of list) possible[slot] = 1;
  }
  return possible;
}

// V8 compiles a regular expression on first use, and to machine code once it is used again; do
// both at start-up rather than on the first clients' texts.
for (const sample of ['warm up the rules', 'i am warming up the rules now']) {
  for (const rule of RULES) {
    for (const template of rule.templates) {
      template.when.lastIndex = 0;
      template.when.test(sample);
    }
    rule.unless?.test(sample);
  }
}

