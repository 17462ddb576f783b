// Shared set-up for the impl tests: one SRS, one cloud, a registered owner with keys, and users
// joined through the full lifecycle (Register, Gen_Key, Send_Keys, Approve) of the given variant.
import { expect } from 'vitest';
import { Cloud, PatientClient, Srs, UserClient, isSesphrError, type CloudOptions, type ErrorCode, type OwnerConfig, type Policy, type Role, type Variant } from '../impl/index.js';

export interface World {
  srs: Srs;
  cloud: Cloud;
  owner: PatientClient;
  users: Map<string, UserClient>;
  /** Register, key and (unless approve = false) approve a user of `by` (default: the owner). */
  join(id: string, role: Role, opts?: { approve?: boolean; by?: PatientClient }): UserClient;
  /** Another owner at the same SRS and cloud. */
  addOwner(id: string, config?: Partial<OwnerConfig>): PatientClient;
  /** Every party's complete state, for "a failed call changed nothing" assertions. */
  digest(): string;
}

export function makeWorld(variant: Variant, policy: Policy = 'history', config?: Partial<OwnerConfig>, cloudOptions?: CloudOptions): World {
  const srs = new Srs({ variant, policy });
  const cloud = new Cloud(cloudOptions);
  const owners: PatientClient[] = [];
  const users = new Map<string, UserClient>();
  const addOwner = (id: string, cfg?: Partial<OwnerConfig>) => {
    const p = new PatientClient(id, { srs, cloud });
    p.register(cfg);
    p.genKey();
    p.sendKeys();
    owners.push(p);
    return p;
  };
  const owner = addOwner('patient', config);
  const join = (id: string, role: Role, opts: { approve?: boolean; by?: PatientClient } = {}) => {
    const by = opts.by ?? owner;
    const u = new UserClient(id, { srs, cloud });
    u.register(by.id, role);
    u.genKey();
    u.sendKeys();
    if (opts.approve !== false) by.approve(id);
    users.set(id, u);
    return u;
  };
  const digest = () =>
    JSON.stringify([srs.stateDigest(), cloud.stateDigest(), ...owners.map((o) => o.stateDigest()), ...[...users.values()].map((u) => u.stateDigest())]);
  return { srs, cloud, owner, users, join, addOwner, digest };
}

/** Runs `f`, expects a SesphrError with `code` (and a message mentioning `mentions`), and
 *  expects the world's complete state to be exactly as before. */
export function expectRefusedUnchanged(w: World, f: () => unknown, code: ErrorCode, mentions?: string): void {
  const before = w.digest();
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isSesphrError(caught), `expected SesphrError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  if (mentions) expect((caught as Error).message).toContain(mentions);
  expect(w.digest()).toBe(before);
}

export const utf8 = new TextEncoder();
export const text = (b: Uint8Array) => new TextDecoder().decode(b);
