// Shared option parsing for the commands that take a universe and a configuration: one place
// that turns user input into model values or a one-line error naming the option and the choices.
import { type Module, type NetConfig, type Policy, type Profile, type Variant, MODULES, POLICIES, PROFILES, VARIANTS, validConfigs } from '../model/config.js';
import { type Universe } from '../model/universe.js';
import { BACKENDS, DEFAULT_BACKEND, useBackend, type BackendName } from '../impl/group/group.js';
import { UniverseError, shippedUniverses, universeByName } from '../universes/index.js';

export class UsageError extends Error {}

function oneOf<T extends string>(option: string, value: string, choices: readonly T[]): T {
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

export const parseProfile = (v: string): Profile => oneOf('--profile', v, PROFILES);
export const parseVariant = (v: string): Variant => oneOf('--variant', v, VARIANTS);
export const parsePolicy = (v: string): Policy => oneOf('--policy', v, POLICIES);

/** `--modules audit,tpa,time` (or `none`): the optional modules of issue 8, each at most once. */
export function parseModules(v: string): Module[] {
  if (v.trim() === 'none' || v.trim() === '') return [];
  const out: Module[] = [];
  for (const m of v.split(',').map((x) => x.trim())) {
    const mod = oneOf('--modules', m, MODULES);
    if (!out.includes(mod)) out.push(mod);
  }
  return out;
}

/** `--backend mcl|noble`: the group backend of the implementation, selected before anything is computed. */
export async function selectBackend(v: string | undefined): Promise<BackendName> {
  const name = v === undefined ? DEFAULT_BACKEND : oneOf('--backend', v, BACKENDS);
  await useBackend(name);
  return name;
}
export const BACKEND_HELP = `group backend of the implementation: ${BACKENDS.join(' | ')} (default: ${DEFAULT_BACKEND})`;

export function parsePositiveInt(option: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} '${v}' is not a positive whole number`);
  return n;
}

/** Every valid configuration for the given (optional) choices: an omitted axis ranges over all values. */
export function configurations(profiles: readonly Profile[], variant?: Variant, policy?: Policy, modules: readonly Module[] = []): NetConfig[] {
  // An explicit variant that no chosen profile accepts is the user's to fix, not to skip.
  if (variant) for (const profile of profiles)
    if (validConfigs([profile], [variant], POLICIES, modules).length === 0)
      throw new UsageError(`profile '${profile}' cannot run with variant '${variant}': the paper profile models srs-keys only`);
  return validConfigs(profiles, variant ? [variant] : VARIANTS, policy ? [policy] : POLICIES, modules);
}
