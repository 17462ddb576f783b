// The three axes along which the one net definition is instantiated (design.md, "Profiles,
// variants, policies").

/** paper: the 11 printed transitions; extended: + the access-control lifecycle; adversarial: + attackers. */
export type Profile = 'paper' | 'extended' | 'adversarial';
/** srs-keys: the SRS makes every key pair (the paper); owner-keys: parties make their own, the owner computes RK. */
export type Variant = 'srs-keys' | 'owner-keys';
/** history: new members read older uploads; from-join-date: only uploads made while a member (Section 3.6). */
export type Policy = 'history' | 'from-join-date';

export const PROFILES: readonly Profile[] = ['paper', 'extended', 'adversarial'];
export const VARIANTS: readonly Variant[] = ['srs-keys', 'owner-keys'];
export const POLICIES: readonly Policy[] = ['history', 'from-join-date'];

export interface NetConfig {
  readonly profile: Profile;
  readonly variant: Variant;
  readonly policy: Policy;
}

/** Profiles are cumulative: a rule of `extended` is also in `adversarial`. */
export function includesProfile(active: Profile, needed: Profile): boolean {
  return PROFILES.indexOf(active) >= PROFILES.indexOf(needed);
}

export function checkConfig(c: NetConfig): void {
  if (!PROFILES.includes(c.profile)) throw new Error(`unknown profile '${c.profile}': expected ${PROFILES.join(', ')}`);
  if (!VARIANTS.includes(c.variant)) throw new Error(`unknown variant '${c.variant}': expected ${VARIANTS.join(', ')}`);
  if (!POLICIES.includes(c.policy)) throw new Error(`unknown policy '${c.policy}': expected ${POLICIES.join(', ')}`);
  // The paper profile has no approval step, so nothing could deposit an owner-made RK at the SRS:
  // owner-keys is only meaningful with the lifecycle of the extended profile.
  if (c.profile === 'paper' && c.variant === 'owner-keys')
    throw new Error(`profile 'paper' models the paper's key management only: use variant 'srs-keys' (owner-keys needs profile 'extended' or 'adversarial')`);
}
