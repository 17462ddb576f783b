// The three axes along which the one net definition is instantiated (design.md, "Profiles,
// variants, policies").

/** paper: the 11 printed transitions; extended: + the access-control lifecycle; adversarial: + attackers. */
export type Profile = 'paper' | 'extended' | 'adversarial';
/** srs-keys: the SRS makes every key pair (the paper); owner-keys: parties make their own, the owner computes RK. */
export type Variant = 'srs-keys' | 'owner-keys';
/** history: new members read older uploads; from-join-date: only uploads made while a member (Section 3.6). */
export type Policy = 'history' | 'from-join-date';

/**
 * Optional modules of the later SeSPHR write-ups: audit: a hash-chained log of every
 * security-relevant SRS event; tpa: a third-party auditor that checks the cloud still holds each
 * upload intact; time: grants bounded by a window on the SRS's clock. A fourth axis, off by
 * default, so every configuration without modules is the net it always was.
 */
export type Module = 'audit' | 'tpa' | 'time';

export const PROFILES: readonly Profile[] = ['paper', 'extended', 'adversarial'];
export const VARIANTS: readonly Variant[] = ['srs-keys', 'owner-keys'];
export const POLICIES: readonly Policy[] = ['history', 'from-join-date'];
export const MODULES: readonly Module[] = ['audit', 'tpa', 'time'];

export interface NetConfig {
  readonly profile: Profile;
  readonly variant: Variant;
  readonly policy: Policy;
  /** optional modules (default none); order does not matter */
  readonly modules?: readonly Module[];
}

/** Whether the configuration has module `m` on. */
export const hasModule = (c: NetConfig, m: Module): boolean => c.modules?.includes(m) ?? false;

/** The modules of a configuration in canonical order (MODULES order, no repeats). */
export const modulesOf = (c: NetConfig): Module[] => MODULES.filter((m) => hasModule(c, m));

/** A short name for a configuration, modules included when there are any: `extended/srs-keys/history+audit+tpa`. */
export const configName = (c: NetConfig): string => `${c.profile}/${c.variant}/${c.policy}${modulesOf(c).map((m) => `+${m}`).join('')}`;

/** Profiles are cumulative: a rule of `extended` is also in `adversarial`. */
export function includesProfile(active: Profile, needed: Profile): boolean {
  return PROFILES.indexOf(active) >= PROFILES.indexOf(needed);
}

export function checkConfig(c: NetConfig): void {
  if (!PROFILES.includes(c.profile)) throw new Error(`unknown profile '${c.profile}': expected ${PROFILES.join(', ')}`);
  if (!VARIANTS.includes(c.variant)) throw new Error(`unknown variant '${c.variant}': expected ${VARIANTS.join(', ')}`);
  if (!POLICIES.includes(c.policy)) throw new Error(`unknown policy '${c.policy}': expected ${POLICIES.join(', ')}`);
  for (const m of c.modules ?? []) if (!MODULES.includes(m)) throw new Error(`unknown module '${m}': expected ${MODULES.join(', ')}`);
  // The paper profile has no approval step, so nothing could deposit an owner-made RK at the SRS:
  // owner-keys is only meaningful with the lifecycle of the extended profile.
  if (c.profile === 'paper' && c.variant === 'owner-keys')
    throw new Error(`profile 'paper' models the paper's key management only: use variant 'srs-keys' (owner-keys needs profile 'extended' or 'adversarial')`);
}

/** Every valid configuration over the given axes (all values by default); invalid ones, such as paper with owner-keys, are left out. */
export function validConfigs(profiles: readonly Profile[] = PROFILES, variants: readonly Variant[] = VARIANTS, policies: readonly Policy[] = POLICIES, modules: readonly Module[] = []): NetConfig[] {
  const out: NetConfig[] = [];
  for (const profile of profiles)
    for (const variant of variants)
      for (const policy of policies) {
        const cfg: NetConfig = modules.length ? { profile, variant, policy, modules } : { profile, variant, policy };
        try {
          checkConfig(cfg);
          out.push(cfg);
        } catch {
          /* not a configuration */
        }
      }
  return out;
}
