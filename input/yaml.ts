// Reading a YAML input file against a zod schema with positions kept: every error names the file,
// line and column of the deepest node on the failing path and what was expected
// (`file:line:col: path: what was expected`), and nothing half-read is returned. Scenarios and
// universes are both read through here.
import { type Document, LineCounter, isNode, parseDocument, visit } from 'yaml';
import type { z } from 'zod';

export type PathItem = string | number;

/** One schema issue as zod reports it, its path made printable. */
export interface Issue {
  readonly code: string;
  readonly message: string;
  readonly keys?: string[];
  readonly path: PathItem[];
}

export interface PositionedYaml<T> {
  readonly data: T;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** 1-based line of the node at `path` (0 when the path has no node) */
  readonly lineOf: (path: readonly PathItem[]) => number;
}

export interface ReadOptions {
  /** builds the error thrown (each reader has its own error class, the message is the same shape) */
  readonly error: (message: string) => Error;
  /** a sharper issue for this one (e.g. the inner issue of a union whose branch is known) */
  readonly refine?: (issue: Issue, data: unknown) => Issue;
  /** what to say for an issue; zod's message when absent or undefined */
  readonly explain?: (issue: Issue) => string | undefined;
}

const printable = (path: readonly PropertyKey[]): PathItem[] => path.map((p) => (typeof p === 'symbol' ? String(p) : (p as PathItem)));

export function issueOf(i: z.core.$ZodIssue): Issue {
  return { code: i.code, message: i.message, keys: (i as { keys?: string[] }).keys, path: printable(i.path) };
}

/** `file:line:col` of the deepest node that exists on `path`. */
export function positionOf(doc: Document, lines: LineCounter, path: readonly PathItem[]): { line: number; col: number } {
  for (let k = path.length; k >= 0; k--) {
    const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function defaultExplain(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) return `unexpected key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return issue.message;
}

/** Parses `text` (from `file`) and validates it; throws `opts.error(message)` on the first problem. */
export function readYaml<S extends z.ZodType>(file: string, text: string, schema: S, opts: ReadOptions): PositionedYaml<z.infer<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    const why =
      e.code === 'MULTIPLE_DOCS' ? 'a file holds one YAML document; a second one starts here'
      // the parser reports its own stack running out as an error at the node it was reading
      : /call stack/i.test(e.message) ? 'nested too deeply to be read'
      : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw opts.error(`${file}:${pos?.line ?? '?'}:${pos?.col ?? '?'}: invalid YAML: ${why}`);
  }
  const data = toData(file, doc, lines, opts);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    let issue = issueOf(parsed.error.issues[0]);
    if (opts.refine) issue = opts.refine(issue, data);
    throw positionedError(file, doc, lines, issue.path, opts.explain?.(issue) ?? defaultExplain(issue), opts.error);
  }
  const lineOf = (path: readonly PathItem[]) => {
    const n = doc.getIn(path, true);
    return isNode(n) && n.range ? lines.linePos(n.range[0]).line : 0;
  };
  return { data: parsed.data, doc, lines, lineOf };
}

/** An input file is a few hundred nodes: anything expanding to more aliases is refused, with the first alias's position. */
const MAX_ALIASES = 100;

function toData(file: string, doc: Document, lines: LineCounter, opts: ReadOptions): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    let at = '1:1';
    visit(doc, { Alias: (_k, node) => {
      if (node.range) at = ((p) => `${p.line}:${p.col}`)(lines.linePos(node.range[0]));
      return visit.BREAK;
    } });
    throw opts.error(`${file}:${at}: invalid YAML: ${e instanceof ReferenceError ? `aliases expand beyond ${MAX_ALIASES} nodes (an alias bomb?)` : (e as Error).message}`);
  }
}

/** The error for a problem found after the schema (a cross-reference, say), positioned the same way. */
export function positionedError(file: string, doc: Document, lines: LineCounter, path: readonly PathItem[], what: string, error: (m: string) => Error): Error {
  const at = positionOf(doc, lines, path);
  return error(`${file}:${at.line}:${at.col}: ${path.length ? path.join('.') : '(top level)'}: ${what}`);
}
