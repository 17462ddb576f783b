// A script's command line (the benchmarks, the mutation scores, the generators), read strictly and
// before any work: an unknown option, a missing value, a stray argument or a value out of range is
// answered in one line beside the script's usage, with exit 2, never with a stack trace, never
// ignored (a mistyped `--quick` would otherwise start the whole two-minute run); `--help` prints
// the usage (`-h` too).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type ArgSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly default?: string }>>;

/** The values of `spec`'s options: a string option with a default is always a string. */
export type ArgValues<S extends ArgSpec> = {
  readonly [K in keyof S]: S[K]['type'] extends 'boolean' ? boolean : S[K] extends { readonly default: string } ? string : string | undefined;
};

/** What a command line says: its values, a request for the usage, or what is wrong with it. */
export type ReadArgs<S extends ArgSpec> = { readonly values: ArgValues<S> } | { readonly help: true } | { readonly error: string };

/** Reads `argv` against `spec`, without exiting (the pure part, tested alone). */
export function readArgs<S extends ArgSpec>(spec: S, argv: readonly string[]): ReadArgs<S> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    const options: ParseArgsConfig['options'] = { ...spec, help: { type: 'boolean', short: 'h' } };
    values = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    // node's first line, with a missing or swallowed value said plainly
    const first = (e as Error).message.split('\n')[0]!;
    const missing = /^Option '(--[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(first);
    if (!missing) return { error: first };
    // node reads a value that starts with a dash (-1) as the next option: say how to give it
    const next = argv[argv.indexOf(missing[1]!) + 1];
    const dashed = next !== undefined && /^-[^-a-zA-Z]/.test(next);
    return { error: dashed ? `option '${missing[1]}' needs a value; '${next}' starts with '-', so give it as ${missing[1]}=${next}` : `option '${missing[1]}' needs a value` };
  }
  if (values.help === true) return { help: true };
  const out: Record<string, string | boolean> = {};
  for (const [name, o] of Object.entries(spec)) {
    const v = values[name];
    if (o.type === 'boolean') out[name] = v === true;
    // `--seed=` or `--out ''` names nothing: refused as a value left out, not run with ''
    else if (v === '') return { error: `option '--${name}' needs a value, not an empty one` };
    else if (typeof v === 'string') out[name] = v;
  }
  return { values: out as ArgValues<S> };
}

/** Bad input: the script's name, what was wrong and its usage on stderr, exit 2. */
export function refuse(script: string, usage: string, message: string): never {
  process.stderr.write(`${script}: ${message}\n${usage}\n`);
  process.exit(2);
}

/** `readArgs` on the process's own arguments: the values, or the usage (exit 0), or a refusal (exit 2). */
export function scriptArgs<S extends ArgSpec>(script: string, usage: string, spec: S): ArgValues<S> {
  const r = readArgs(spec, process.argv.slice(2));
  if ('help' in r) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if ('error' in r) refuse(script, usage, r.error);
  return r.values;
}

/** `check`'s value, or its error's message as a refusal: the command line's own checks (a choice,
 *  a range, a path: cli/options.ts, cli/paths.ts) answered as a script answers bad input. */
export function orRefuse<T>(script: string, usage: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    refuse(script, usage, e instanceof Error ? e.message : String(e));
  }
}
