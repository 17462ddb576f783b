// A PHR document (JSON or XML, Sec. 3.2: "the PHR is split into logical partitions") becomes a map
// label -> partition bytes. Everything is checked before anything is returned: broken syntax,
// unknown labels and duplicate labels are errors naming the offending label or position.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { SesphrError } from '../errors.js';
import { jsonFault } from '../../input/json.js';

/** The paper's running example (Sec. 3.2). Owners may declare any other set. */
export const DEFAULT_LABELS = ['personal', 'medical', 'insurance', 'prescription'] as const;

export type PHRInput = string | Record<string, string | Uint8Array>;
export type Partitions = Map<string, Uint8Array>;

const utf8 = new TextEncoder();

/**
 * JSON: a top-level object, one member per partition; the partition's bytes are the UTF-8 of
 * JSON.stringify(member value). XML: one root element, one child element per partition; the
 * partition's bytes are that child re-serialised (attributes and entities kept as written).
 * An object argument maps labels to bytes (or UTF-8 text) directly; bytes are taken as they are,
 * not copied (a large record would otherwise be held twice while it is sealed): the caller hands
 * them over and does not change them afterwards.
 */
export function parsePHR(input: PHRInput, allowed: readonly string[]): Partitions {
  let entries: [string, Uint8Array][];
  if (typeof input === 'string') {
    const t = input.trimStart();
    if (t.startsWith('{')) entries = unreadable(() => fromJSON(input));
    else if (t.startsWith('<')) entries = unreadable(() => fromXML(input));
    else throw new SesphrError('MALFORMED_PHR', 'PHR: expected a JSON object ("{...}") or an XML document ("<...>")', 'PHR');
  } else {
    entries = Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? utf8.encode(v) : v]);
  }
  const out: Partitions = new Map();
  for (const [label, bytes] of entries) {
    if (!allowed.includes(label)) {
      throw new SesphrError('UNKNOWN_LABEL', `PHR: unknown partition label "${shown(label)}" (expected one of: ${allowed.join(', ')})`, shown(label));
    }
    if (out.has(label)) throw new SesphrError('DUPLICATE_LABEL', `PHR: partition label "${shown(label)}" appears twice`, shown(label));
    out.set(label, bytes);
  }
  return out;
}

/** A document the parsers give up on (JSON nested deeper than the stack; XML is read only down to
 *  its partitions) is a malformed PHR like any other, said in our words: the parsers' own messages
 *  may quote the document. */
function unreadable<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof SesphrError) throw e;
    const deep = e instanceof RangeError || /nested/i.test(String((e as Error)?.message));
    throw new SesphrError('MALFORMED_PHR', deep ? 'PHR: nested too deeply to be read' : 'PHR: the document could not be read', 'PHR');
  }
}

/** A label as an error shows it: at most 64 characters, since a stray key may be content. */
const shown = (label: string): string => (label.length > 64 ? `${label.slice(0, 64)}...` : label);

function fromJSON(text: string): [string, Uint8Array][] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SesphrError('MALFORMED_PHR', `PHR: broken JSON ${jsonFault(text)}`, 'PHR');
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SesphrError('MALFORMED_PHR', 'PHR: JSON must be an object whose members are the partitions', 'PHR');
  }
  // JSON.parse keeps the last of two equal keys silently; a PHR must not lose a partition that way.
  const keys = topLevelKeys(text);
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new SesphrError('DUPLICATE_LABEL', `PHR: partition label "${shown(k)}" appears twice`, shown(k));
    seen.add(k);
  }
  return Object.entries(doc as Record<string, unknown>).map(([k, v]) => [k, utf8.encode(JSON.stringify(v))]);
}

/** Keys of the outermost object of an already-valid JSON text, in order, duplicates kept. */
function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      expectKey = false;
      i = j;
    } else if (ch === '{' || ch === '[') {
      depth++;
      expectKey = ch === '{' && depth === 1;
    } else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 1) expectKey = true;
  }
  return keys;
}

const xmlOpts = { preserveOrder: true, ignoreAttributes: false, commentPropName: '#comment', processEntities: false } as const;

type XNode = Record<string, unknown>;
const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ':@')!;

/** What each of the validator's error codes means, in words of our own: its messages quote tag
 *  names, attribute names and stray text of the document, which can be PHR content. */
const XML_ERRORS: Record<string, string> = {
  InvalidTag: 'a tag is malformed, left open or closed without being opened (a "<" in text must be written "&lt;")',
  InvalidAttr: 'an attribute is malformed, has no value or is repeated',
  InvalidChar: 'a character is not allowed there (a "&" in text must be written "&amp;")',
  InvalidXml: 'the document is not one well-formed root element',
};

function fromXML(text: string): [string, Uint8Array][] {
  const v = XMLValidator.validate(text);
  if (v !== true) {
    const what = XML_ERRORS[v.err.code] ?? 'not well-formed XML';
    throw new SesphrError('MALFORMED_PHR', `PHR: broken XML at line ${v.err.line}, column ${v.err.col}: ${what}`, 'PHR');
  }
  // Each child of the root is a partition, kept as the owner wrote it: the parser stops at those
  // children ('*.*', the root's children) and hands their content over as text, so nothing inside
  // a partition is re-encoded (a CDATA section stays one, a nested tag's quotes stay as written),
  // and a partition of many small elements costs no object per element.
  const nodes = new XMLParser({ ...xmlOpts, parseTagValue: false, trimValues: false, stopNodes: ['*.*'] }).parse(text) as XNode[];
  const roots = nodes.filter((n) => !['?xml', '#comment', '#text'].includes(tagOf(n)));
  if (roots.length !== 1) throw new SesphrError('MALFORMED_PHR', `PHR: XML must have exactly one root element, found ${roots.length}`, 'PHR');
  const root = roots[0]!;
  const builder = new XMLBuilder(xmlOpts);
  const out: [string, Uint8Array][] = [];
  for (const child of root[tagOf(root)] as XNode[]) {
    const tag = tagOf(child);
    if (tag === '#comment') continue;
    if (tag === '#text') {
      if (String((child['#text'] as unknown) ?? '').trim() !== '') {
        throw new SesphrError('MALFORMED_PHR', `PHR: text directly inside <${shown(tagOf(root))}>; partitions must be child elements`, 'PHR');
      }
      continue;
    }
    out.push([tag, utf8.encode(builder.build([child]) as string)]);
  }
  return out;
}
