// What a party holds, as byte strings named in the model's token syntax. The conformance tests
// decide "can this party read PHR(f,i)?" from these bytes alone, so every party must list
// everything it keeps, and nothing it has already thrown away.
import { sha256Hex } from './digest.js';

export interface Holding {
  /** Token in the model's syntax, e.g. "RU(doctor,f1,medical)". */
  token: string;
  bytes: Uint8Array;
}

export interface HoldsBytes {
  holdings(): Holding[];
}

/** Token constructors, one per token kind of the model (design.md, "Token algebra"). */
export const tok = {
  sk: (x: string) => `sk(${x})`,
  pk: (x: string) => `pk(${x})`,
  /** RK_{P->u}; with several owners at one SRS, `RK(P,u)` names whose it is */
  RK: (u: string, owner?: string) => (owner === undefined ? `RK(${u})` : `RK(${owner},${u})`),
  r: (f: string, i: string) => `r(${f},${i})`,
  C: (f: string, i: string) => `C(${f},${i})`,
  RP: (f: string, i: string) => `RP(${f},${i})`,
  RU: (u: string, f: string, i: string) => `RU(${u},${f},${i})`,
  PHR: (f: string, i: string) => `PHR(${f},${i})`,
} as const;

/** The model's name of version v of file f (`f1`, `f1~2`): a record update is a new version of a
 *  partition; its tokens carry the version from the second on. */
export const versionName = (f: string, v: number): string => (v <= 1 ? f : `${f}~${v}`);
/** The model's name of key generation g of user u (`d`, `d~2`): a user who re-joins after a
 *  revocation gets a fresh key pair; its tokens carry the generation from the second on. */
export const generationName = (u: string, g: number): string => (g <= 1 ? u : `${u}~${g}`);

/** Key for maps indexed by (file, label); \u0000 cannot occur in validated ids. */
export const partKey = (f: string, i: string): string => `${f}\u0000${i}`;

/** Inverse of partKey. */
export function splitPartKey(k: string): [string, string] {
  const at = k.indexOf('\u0000');
  return [k.slice(0, at), k.slice(at + 1)];
}

/** Copies so a caller that mutates a listed holding cannot change the party's state. */
export function holding(token: string, bytes: Uint8Array): Holding {
  return { token, bytes: Uint8Array.from(bytes) };
}

/** Canonical text of a holding list: equal iff the same tokens with the same bytes. Each holding
 *  is named by its SHA-256, never its bytes: the list holds secret keys, r and plaintext, and a
 *  digest is printed where it differs (a failed assertion) or served (the inspection routes). */
export function digestHoldings(hs: Holding[]): string[] {
  return hs.map((h) => `${h.token}=${sha256Hex(h.bytes)}`).sort();
}
