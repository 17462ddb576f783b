// Shared option parsing for the commands that take a universe and a configuration: one place
// that turns user input into model values or a one-line error naming the option and the choices.
import { type Module, type NetConfig, type Policy, type Profile, type Variant, MODULES, POLICIES, PROFILES, VARIANTS, validConfigs } from '../model/config.js';
import { type Universe } from '../model/universe.js';
import { BACKENDS, DEFAULT_BACKEND, FALLBACK_BACKEND, type BackendName } from '../impl/group/backend.js';
import { UniverseError, shippedUniverses, universeByName } from '../universes/index.js';

export class UsageError extends Error {}

export function oneOf<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError(`${option} '${value}' is not one of: ${choices.join(', ')}`);
  return value as T;
}

/** `--universe NAME|FILE`: a shipped universe by name or a universe file by path; a bad one is bad input. */
export function parseUniverse(value: string): Universe {
  try {
    return universeByName(value);
  } catch (e) {
    if (!(e instanceof UniverseError)) throw e;
    throw new UsageError(e.message.startsWith('unknown universe') ? `--universe '${value}' is not one of: ${shippedUniverses().join(', ')}, nor a universe file (.yaml)` : e.message);
  }
}

/** The choices of each configuration option as its help shows them, read from model/config.ts. */
export const CHOICES = {
  profile: PROFILES.join(' | '),
  variant: VARIANTS.join(' | '),
  policy: POLICIES.join(' | '),
  modules: `optional modules, comma-separated: ${MODULES.join(',')}`,
} as const;

export const parseProfile = (v: string): Profile => oneOf('--profile', v, PROFILES);
export const parseVariant = (v: string): Variant => oneOf('--variant', v, VARIANTS);
export const parsePolicy = (v: string): Policy => oneOf('--policy', v, POLICIES);

/** `--modules audit,tpa,time` (or `none`): the optional modules, each at most once. */
export function parseModules(v: string): Module[] {
  if (v.trim() === 'none') return [];
  if (v.trim() === '') throw new UsageError(`--modules '' names no module: give audit, tpa, time (comma-separated) or none`);
  const out: Module[] = [];
  for (const m of v.split(',').map((x) => x.trim())) {
    const mod = oneOf('--modules', m, MODULES);
    if (!out.includes(mod)) out.push(mod);
  }
  return out;
}

/**
 * `--backend blst|mcl|noble`: the group backend of the implementation, selected before anything is
 * computed. The group layer is loaded here, not where options are parsed: loading it loads the
 * default backend (a native binding and a WASM module), which commands without a backend never need.
 */
export async function selectBackend(v: string | undefined): Promise<BackendName> {
  const asked = v === undefined ? undefined : oneOf('--backend', v, BACKENDS);
  const { defaultBackend, useBackend } = await import('../impl/group/group.js');
  // where the default's native code does not run, the fallback, and a line saying why
  const fallback = defaultBackend();
  if (asked === undefined && fallback.refused) process.stderr.write(`sesphr: ${fallback.refused}; using ${fallback.name}\n`);
  const name = asked ?? fallback.name;
  await useBackend(name);
  return name;
}
export const BACKEND_HELP = `group backend of the implementation: ${BACKENDS.join(' | ')} (default: ${DEFAULT_BACKEND}, or ${FALLBACK_BACKEND} where ${DEFAULT_BACKEND}'s native code does not run)`;

/** A service's url as an option gives it: http: or https: only, kept as its origin (the routes
 *  are the protocol's, so a path given with it would only mislead). */
export function parseServiceUrl(option: string, v: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`${option} '${v}' is not an http(s) url`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`${option} '${v}' is not an http(s) url`);
  return u.origin;
}

export function parsePositiveInt(option: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} '${v}' is not a positive whole number`);
  return n;
}

/**
 * The accepted range of every bounded numeric option. A bound keeps a typo (one zero too many)
 * from running for hours or exhausting memory; each is documented in the README.
 */
export const LIMITS = {
  /** seconds per solver query: Node's timers overflow past 2^31-1 ms, and under a second is no query */
  timeout: { min: 1, max: 3600 },
  /** deepest BMC step */
  depth: { min: 1, max: 200 },
  /** fast-check runs per configuration */
  runs: { min: 0, max: 1000 },
  /** explorer states: every state is kept in memory, packed (model/state-store.ts: tens of bytes a state) */
  maxStates: { min: 1, max: 100_000_000 },
  /** explorer breadth-first depth */
  maxDepth: { min: 1, max: 10_000 },
  /** seeds of the randomised stages */
  seed: { min: 0, max: 0x7fffffff },
} as const;

/** A whole number in [min, max], or a UsageError naming the option and the range. */
export function parseIntIn(option: string, v: string, { min, max }: { readonly min: number; readonly max: number }): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option} '${v}' is not a whole number from ${min} to ${max}`);
  return n;
}

/** Seconds per solver query, in LIMITS.timeout. */
export function parseTimeout(v: string): number {
  const n = Number(v);
  const { min, max } = LIMITS.timeout;
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--timeout '${v}' is not a number of seconds from ${min} to ${max}`);
  return n;
}

export const parseSeed = (v: string): number => parseIntIn('--seed', v, LIMITS.seed);

/** Every valid configuration for the given (optional) choices: an omitted axis ranges over all values. */
export function configurations(profiles: readonly Profile[], variant?: Variant, policy?: Policy, modules: readonly Module[] = []): NetConfig[] {
  // An explicit variant that no chosen profile accepts is the user's to fix, not to skip.
  if (variant) for (const profile of profiles)
    if (validConfigs([profile], [variant], POLICIES, modules).length === 0)
      throw new UsageError(`profile '${profile}' cannot run with variant '${variant}': the paper profile models srs-keys only`);
  return validConfigs(profiles, variant ? [variant] : VARIANTS, policy ? [policy] : POLICIES, modules);
}
