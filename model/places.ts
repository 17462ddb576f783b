// Places P and their token types (Table II), plus the control places the paper describes in
// prose (Sections 3.6, 3.7) but never modelled. Every fact lives in exactly one place.
import { CLOUD, SRS, TPA, parseTerm, splitHolds } from './terms.js';

export interface PlaceSpec {
  readonly name: string;
  /** the token type as the paper prints it (Table II) or as we define it */
  readonly type: string;
  readonly origin: 'Table II' | 'extension' | 'module';
  readonly doc: string;
}

export const PLACES: readonly PlaceSpec[] = [
  { name: 'SRS', type: 'P(U_i x SK_i x PK_i x g x Zq* x Z x R_i x P_i)', origin: 'Table II', doc: "the SRS's holdings: keys it made or received, RK, the owner's R^P per (file, partition)" },
  { name: 'User', type: 'P(U_i x SK_i x PK_i x P_i x r_i x Z x C x g x R_i)', origin: 'Table II', doc: 'each principal\'s holdings (owner and users): keys, r, C, R^U, plaintext' },
  { name: 'Cloud', type: 'P(C)', origin: 'Table II', doc: 'the untrusted store: ciphertexts only' },
  { name: 'Registered', type: 'P(U_i)', origin: 'extension', doc: 'users who registered with the SRS by role (Section 3.6)' },
  { name: 'Member', type: 'P(U_i)', origin: 'extension', doc: 'users the owner approved and not revoked' },
  { name: 'Revoked', type: 'P(U_i)', origin: 'extension', doc: 'departed users (Section 3.7); revocation is final in the model' },
  { name: 'ACL', type: 'P(U_i x P_i)', origin: 'extension', doc: 'the access-control list as a relation user x partition label' },
  { name: 'Uploaded', type: 'P(F x P_i)', origin: 'extension', doc: 'partitions whose R^P the SRS recorded (the upload epoch)' },
  { name: 'Epochs', type: 'P(U_i x F x P_i x {member, revoked})', origin: 'extension', doc: 'who was a member / revoked when each partition was uploaded: the order of join, revoke and upload, which is all the policies need of a clock' },
  // the optional modules (model/rules/modules.ts); no net without modules mentions them
  { name: 'Log', type: 'P(T)', origin: 'module', doc: 'audit: the SRS\'s append-only log, one entry per logged event (a ground transition id); nothing removes an entry' },
  { name: 'TPA', type: 'P(F x P_i x Com)', origin: 'module', doc: 'tpa: the third-party auditor\'s holdings: one commitment (Merkle root over the blocks of C) per uploaded partition, no key' },
  { name: 'Integrity', type: 'P(F x P_i x {corrupted, detected})', origin: 'module', doc: 'tpa: partitions the cloud corrupted or deleted, and those a TPA challenge caught' },
  { name: 'Clock', type: 'P(U_i)', origin: 'module', doc: 'time: users whose grant window the SRS\'s clock has passed' },
];

/** The place a fact belongs to. */
export function placeOf(fact: string): string {
  const h = splitHolds(fact);
  if (h) return h.who === SRS ? 'SRS' : h.who === CLOUD ? 'Cloud' : h.who === TPA ? 'TPA' : 'User';
  const { head } = parseTerm(fact);
  if (head === 'MemberAtUpload' || head === 'RevokedAtUpload' || head === 'NarrowedAtUpload') return 'Epochs';
  // the owner's per-member settings are part of the member's ACL entry at the SRS
  if (head === 'Excepted' || head === 'Narrowed') return 'ACL';
  if (head === 'Logged') return 'Log';
  if (head === 'Corrupted' || head === 'Detected') return 'Integrity';
  if (head === 'Expired') return 'Clock';
  if (!PLACES.some((p) => p.name === head)) throw new Error(`fact '${fact}' belongs to no place`);
  return head;
}
