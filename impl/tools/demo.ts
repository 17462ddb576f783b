// The paper's running example (Sec. 3.2, 3.6-3.7) with real bytes, under a chosen key variant and
// backward-access policy. Returns who read what; never returns keys, R values or plaintext (only
// byte counts and whether the bytes equal what the owner uploaded).
import type { Policy, Role, Variant } from '../parties/access.js';
import { Cloud } from '../parties/cloud.js';
import { PatientClient } from '../parties/patient.js';
import { parsePHR, DEFAULT_LABELS } from '../parties/phr.js';
import { Srs } from '../parties/srs.js';
import type { AuditLog } from '../modules/audit.js';
import { UserClient, type ReadOutcome } from '../parties/user.js';

export interface DemoRow {
  step: string;
  party: string;
  role: Role;
  file: string;
  partition: string;
  outcome: 'read' | 'refused';
  /** Refusal code and reason, or "N bytes, equal to the upload". */
  detail: string;
  code?: string;
}

const FILE1_XML = `<?xml version="1.0"?>
<phr patient="patient">
  <personal><name>Ann Example</name><born>1970-01-01</born></personal>
  <medical><diagnosis>hypertension</diagnosis><allergy>penicillin</allergy></medical>
  <insurance><provider>Example Mutual</provider><policy>EM-0001</policy></insurance>
  <prescription><drug dose="5 mg">amlodipine</drug></prescription>
</phr>`;

const FILE2_JSON = JSON.stringify({
  personal: { address: 'new address' },
  medical: { visit: '2026-03-01', note: 'blood pressure controlled' },
  insurance: { claim: 'C-42' },
  prescription: { drug: 'amlodipine', dose: '10 mg' },
});

const CIRCLE: [string, Role][] = [
  ['family', 'family'],
  ['doctor', 'doctor'],
  ['pharmacist', 'pharmacist'],
  ['insurer', 'insurer'],
  ['researcher', 'researcher'],
];

/** `audit`: the SRS appends every event it records to this hash-chained log (the audit module). */
export function runDemo(variant: Variant, policy: Policy, audit?: AuditLog): DemoRow[] {
  const srs = new Srs({ variant, policy, ...(audit && { audit }) });
  const cloud = new Cloud();
  const owner = new PatientClient('patient', { srs, cloud });
  const users = new Map<string, [UserClient, Role]>();
  const uploaded = new Map<string, Map<string, Uint8Array>>();
  const rows: DemoRow[] = [];

  const join = (u: UserClient | PatientClient, role?: Role, approver?: PatientClient) => {
    if (u instanceof UserClient) u.register(approver!.id, role!);
    u.genKey();
    u.sendKeys();
    if (u instanceof UserClient) approver!.approve(u.id);
  };
  const newUser = (id: string, role: Role, approver = owner) => {
    const u = new UserClient(id, { srs, cloud });
    join(u, role, approver);
    users.set(id, [u, role]);
  };
  const upload = (file: string, doc: string) => {
    owner.upload(file, doc);
    uploaded.set(file, parsePHR(doc, DEFAULT_LABELS));
  };
  const read = (step: string, id: string, file: string) => {
    const [u, role] = users.get(id)!;
    for (const o of u.readAll(file)) rows.push(row(step, id, role, file, o, uploaded.get(file)!.get(o.label)!));
  };

  owner.register();
  join(owner);
  for (const [id, role] of CIRCLE) newUser(id, role);
  // A second patient with its own doctor: the SRS serves both; their members stay apart.
  const other = new PatientClient('patient2', { srs, cloud });
  other.register();
  join(other);
  newUser('doctor-of-patient2', 'doctor', other);

  upload('file1', FILE1_XML);
  for (const id of [...CIRCLE.map(([id]) => id), 'doctor-of-patient2']) read('file1 uploaded', id, 'file1');

  owner.revoke('doctor');
  newUser('family-late', 'family'); // joins after file1 was uploaded
  upload('file2', FILE2_JSON);
  for (const id of [...CIRCLE.map(([id]) => id), 'family-late']) read('doctor revoked, family-late joined, file2 uploaded', id, 'file2');
  read('doctor revoked, family-late joined, file2 uploaded', 'family-late', 'file1');
  return rows;
}

function row(step: string, party: string, role: Role, file: string, o: ReadOutcome, original: Uint8Array): DemoRow {
  const base = { step, party, role, file, partition: o.label };
  if (o.status === 'refused') return { ...base, outcome: 'refused', code: o.code, detail: `${o.code}: ${o.reason}` };
  const same = Buffer.from(o.bytes).equals(Buffer.from(original));
  return { ...base, outcome: 'read', detail: `${o.bytes.length} bytes, ${same ? 'equal to' : 'DIFFERENT FROM'} the upload` };
}
