// The SRS's access-control list (Sec. 3.6-3.7): who registered with which owner under which role,
// whether the owner approved, from which epoch, and which partitions it may read. Pure data plus
// the single decision function the SRS applies before issuing R_U (rules 31/32).
import type { Policy, Role } from './access.js';
import type { ErrorCode } from '../errors.js';

export interface Member {
  user: string;
  owner: string;
  role: Role;
  approved: boolean;
  /** SRS epoch of approval: "the ACL records the date of joining" (Sec. 3.6). */
  joinEpoch: number | undefined;
  /** Partition labels granted: the role's default on approval, plus extensions, minus narrowings. */
  labels: Set<string>;
  /** the owner set this member's backward access against the SRS's policy (Sec. 3.6, "unless
   *  specified otherwise by the PHR owner"): the full history under from-join-date, from the
   *  joining date under history */
  excepted?: boolean;
  /** the key generation of this membership (1 unless the user re-joined after a revocation) */
  generation?: number;
  /** time module: the membership's window on the SRS clock (absent: unbounded) */
  window?: Window;
  /** time module: per-label windows of time-bounded grants */
  labelWindows?: Map<string, Window>;
}

/** A grant window on the SRS's clock: R_U is issued at epochs start <= now < end. */
export interface Window {
  start: number;
  /** exclusive; Infinity for no end */
  end: number;
}

const inWindow = (w: Window, now: number): boolean => w.start <= now && now < w.end;

export interface PartitionRecord {
  owner: string;
  file: string;
  label: string;
  version: number;
  /** Canonical bytes of R_P (G2, compressed: format 2's placement). */
  rp: Uint8Array;
  uploadEpoch: number;
}

export type Decision = { ok: true } | { ok: false; code: ErrorCode; reason: string };

/** Rule 31 guard (D_R_S) and its negation, rule 32 (D_R_F), with the reason for the refusal. */
export function decide(
  user: string,
  member: Member | undefined,
  revoked: boolean,
  rec: PartitionRecord | undefined,
  what: { file: string; label: string },
  policy: Policy,
  /** the SRS's epoch now: checked against time windows (time module) */
  now?: number,
): Decision {
  const no = (code: ErrorCode, reason: string): Decision => ({ ok: false, code, reason });
  if (!member) return revoked ? no('REVOKED', `${user} was revoked`) : no('NOT_REGISTERED', `${user} is not registered`);
  if (!member.approved) return no('NOT_APPROVED', `${user} is not yet approved by ${member.owner}`);
  if (!rec) return no('NO_SUCH_PARTITION', `no partition ${what.label} of file ${what.file} at the SRS`);
  if (rec.owner !== member.owner) return no('OTHER_OWNER', `${user} is a member of ${member.owner}, not of ${rec.owner}`);
  if (!member.labels.has(rec.label)) return no('NOT_GRANTED', `${user} (${member.role}) is not granted ${rec.label}`);
  const inForce: Policy = member.excepted ? (policy === 'history' ? 'from-join-date' : 'history') : policy;
  if (inForce === 'from-join-date' && rec.uploadEpoch < (member.joinEpoch ?? Infinity)) {
    return no('BEFORE_JOIN', `uploaded at epoch ${rec.uploadEpoch}, before ${user} joined at epoch ${member.joinEpoch}`);
  }
  for (const w of [member.window, member.labelWindows?.get(rec.label)]) {
    if (w && now !== undefined && !inWindow(w, now)) {
      return no('OUTSIDE_WINDOW', `epoch ${now} is outside ${user}'s window [${w.start}, ${w.end === Infinity ? '∞' : w.end}) for ${rec.label}`);
    }
  }
  return { ok: true };
}
