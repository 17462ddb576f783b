// The SRS's access-control list (Sec. 3.6-3.7): who registered with which owner under which role,
// whether the owner approved, from which epoch, and which partitions it may read. Pure data plus
// the single decision function the SRS applies before issuing R_U (rules 31/32).
import type { Policy, Role } from './access.js';
import type { ErrorCode } from './errors.js';

export interface Member {
  user: string;
  owner: string;
  role: Role;
  approved: boolean;
  /** SRS epoch of approval: "the ACL records the date of joining" (Sec. 3.6). */
  joinEpoch: number | undefined;
  /** Partition labels granted: the role's default on approval, plus extensions. */
  labels: Set<string>;
}

export interface PartitionRecord {
  owner: string;
  file: string;
  label: string;
  version: number;
  /** Canonical bytes of R_P (G1, compressed). */
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
): Decision {
  const no = (code: ErrorCode, reason: string): Decision => ({ ok: false, code, reason });
  if (!member) return revoked ? no('REVOKED', `${user} was revoked`) : no('NOT_REGISTERED', `${user} is not registered`);
  if (!member.approved) return no('NOT_APPROVED', `${user} is not yet approved by ${member.owner}`);
  if (!rec) return no('NO_SUCH_PARTITION', `no partition ${what.label} of file ${what.file} at the SRS`);
  if (rec.owner !== member.owner) return no('OTHER_OWNER', `${user} is a member of ${member.owner}, not of ${rec.owner}`);
  if (!member.labels.has(rec.label)) return no('NOT_GRANTED', `${user} (${member.role}) is not granted ${rec.label}`);
  if (policy === 'from-join-date' && rec.uploadEpoch < (member.joinEpoch ?? Infinity)) {
    return no('BEFORE_JOIN', `uploaded at epoch ${rec.uploadEpoch}, before ${user} joined at epoch ${member.joinEpoch}`);
  }
  return { ok: true };
}
