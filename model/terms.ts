// Token algebra (design.md, "Token algebra and knowledge") and the ground facts of a marking.
// Tokens and facts are canonical strings, so a marking is a set of strings and every view
// (explorer, XState, SMT, reports) names them identically.

/** Parties that are not principals: the SRS and the cloud (Section 3.1). */
export const SRS = 'SRS';
export const CLOUD = 'Cloud';
/** The third-party auditor of the tpa module: holds commitments, never a key. */
export const TPA = 'TPA';

// ---- tokens: symbolic terms over the universe ----
/** secret key x of principal p */
export const sk = (p: string) => `sk(${p})`;
/** public key g^x of principal p */
export const pk = (p: string) => `pk(${p})`;
/**
 * Patient-scoped tokens and facts take the patient's tag last (`patientTag` in universe.ts: the
 * patient's id when the universe has several, undefined when it has one) and print it first:
 * `Member(A,d)` with several patients, `Member(d)`, as the paper's single-owner net, with one.
 */
const scoped = (head: keyof typeof PATIENT_SCOPED, p: string | undefined, ...args: string[]) => `${head}(${[...(p === undefined ? [] : [p]), ...args].join(',')})`;

/** The patient-scoped constructors and how many arguments each takes besides the patient's tag. */
export const PATIENT_SCOPED = { RK: 1, ginv: 0, Registered: 1, Member: 1, Revoked: 1, ACL: 2, Excepted: 1, Narrowed: 2, Expired: 1 } as const;

/**
 * Whether argument k of a term `head(...)` of `arity` arguments is a patient's tag (the patient as
 * the owner of a circle, a key or a grant) rather than a principal, a file or a label: the first
 * argument of a patient-scoped constructor that has its tag. The first-order reading gives that
 * position the sort Patient and every other position of a patient the principal `own(p)`.
 */
export const isPatientPosition = (head: string, k: number, arity: number): boolean =>
  k === 0 && Object.hasOwn(PATIENT_SCOPED, head) && arity === PATIENT_SCOPED[head as keyof typeof PATIENT_SCOPED] + 1;

/** re-encryption key RK_{P->u} = g^{x_u / x_P} (Eq. 14) of patient P's tag `p` */
export const RK = (u: string, p?: string) => scoped('RK', p, u);
/** the owner's fresh random r for partition i of file f (Eq. 25) */
export const r = (f: string, i: string) => `r(${f},${i})`;
/** Z^r, from which the partition key is derived */
export const key = (f: string, i: string) => `key(${f},${i})`;
/** ciphertext of partition i of file f (Eqs. 6-9) */
export const C = (f: string, i: string) => `C(${f},${i})`;
/** owner's re-encryption parameter R^P = g^{r x_P} (Eqs. 10-13) */
export const RP = (f: string, i: string) => `RP(${f},${i})`;
/** per-user parameter R^U = e(RK, R^P) = Z^{r x_u} (Eqs. 15-18) */
export const RU = (u: string, f: string, i: string) => `RU(${u},${f},${i})`;
/** plaintext of partition i of file f */
export const PHR = (f: string, i: string) => `PHR(${f},${i})`;
/** tpa module: the owner's commitment to C(f,i) (a Merkle root over its blocks), given to the TPA */
export const Com = (f: string, i: string) => `Com(${f},${i})`;
/** g^{1/x_P}: what a delegatee colluding with the proxy learns in single-key PRE (of patient P's tag `p`) */
export const GINV = 'ginvP';
export const ginv = (p?: string) => (p === undefined ? GINV : scoped('ginv', p));

// ---- facts: one token in one place, or one control datum ----
/** party `who` holds token `t` (places SRS, User, Cloud of Table II) */
export const holds = (who: string, t: string) => `holds(${who},${t})`;
/** u registered with the SRS for patient P (tag `p`) */
export const Registered = (u: string, p?: string) => scoped('Registered', p, u);
/** P approved u and has not revoked it */
export const Member = (u: string, p?: string) => scoped('Member', p, u);
export const Revoked = (u: string, p?: string) => scoped('Revoked', p, u);
/** P's ACL as a relation: u may receive R for partition label i (of any of P's files) */
export const ACL = (u: string, i: string, p?: string) => scoped('ACL', p, u, i);
/** the SRS recorded the upload of (f,i) (Send_Ri, Eq. 29) */
export const Uploaded = (f: string, i: string) => `Uploaded(${f},${i})`;
/** epoch abstraction: u was a member when (f,i) was uploaded */
export const MemberAtUpload = (u: string, f: string, i: string) => `MemberAtUpload(${u},${f},${i})`;
/** epoch abstraction: u had been revoked when (f,i) was uploaded */
export const RevokedAtUpload = (u: string, f: string, i: string) => `RevokedAtUpload(${u},${f},${i})`;

/** the owner set u's backward access against the global policy (Section 3.6: "unless specified otherwise by the PHR owner") */
export const Excepted = (u: string, p?: string) => scoped('Excepted', p, u);
/** the owner took label i back from member u (Ungrant) and has not granted it again */
export const Narrowed = (u: string, i: string, p?: string) => scoped('Narrowed', p, u, i);
/** epoch abstraction: u was narrowed on label i when (f,i) was uploaded */
export const NarrowedAtUpload = (u: string, f: string, i: string) => `NarrowedAtUpload(${u},${f},${i})`;

/** audit module: the SRS's log has an entry for the event `event` (a ground transition id) */
export const Logged = (event: string) => `Logged(${event})`;
/** tpa module: the cloud corrupted or deleted C(f,i); it no longer holds an intact copy */
export const Corrupted = (f: string, i: string) => `Corrupted(${f},${i})`;
/** tpa module: a TPA challenge of (f,i) failed: the corruption is detected */
export const Detected = (f: string, i: string) => `Detected(${f},${i})`;
/** time module: the SRS's clock has passed the end of u's grant window */
export const Expired = (u: string, p?: string) => scoped('Expired', p, u);

/** Splits `head(a,b,c)` into its head and arguments (the strings are ours, so the grammar is fixed). */
export function parseTerm(s: string): { head: string; args: string[] } {
  const open = s.indexOf('(');
  if (open < 0) return { head: s, args: [] };
  const head = s.slice(0, open);
  const inner = s.slice(open + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < inner.length; k++) {
    const ch = inner[k];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(inner.slice(start, k));
      start = k + 1;
    }
  }
  args.push(inner.slice(start));
  return { head, args };
}

/** For a `holds(who, token)` fact, its holder and token; undefined for control facts. */
export function splitHolds(fact: string): { who: string; token: string } | undefined {
  if (!fact.startsWith('holds(')) return undefined;
  const { args } = parseTerm(fact);
  return { who: args[0], token: args[1] };
}
