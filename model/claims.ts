// The claims the properties test: each of the paper's (the three Section 5 properties and each
// Section 3/4 security claim) and of the later write-ups' modules, and, for every property of
// the catalogue, the one claim it tests, argued in a sentence with its section. This is data:
// which claims hold, and where, is computed from the verdicts (report/findings.ts), never here.
import type { Policy } from './config.js';

export interface Claim {
  readonly id: string;
  /** where it is made: "Section 5, property 1", "Section 4", ... */
  readonly section: string;
  /** what is claimed, in the source's words or close to them */
  readonly words: string;
  /** the original paper, or the later write-ups that add the modules */
  readonly by: 'paper' | 'later write-ups';
}

export const CLAIMS: readonly Claim[] = [
  { id: 'no-ungranted-R', section: 'Section 5, property 1', by: 'paper', words: 'a valid user cannot obtain the re-encryption parameters of a partition it has not been granted' },
  { id: 'correct-decryption', section: 'Section 5, property 2', by: 'paper', words: 'encryption and decryption are performed correctly as specified' },
  { id: 'unauthorised-cannot', section: 'Section 5, property 3', by: 'paper', words: 'an unauthorised user can neither generate the re-encryption parameters nor decrypt the PHR' },
  { id: 'confidentiality', section: 'Section 4', by: 'paper', words: 'the PHR stays confidential although it is stored in the untrusted cloud' },
  { id: 'srs-never-gets-data', section: 'Section 3.1', by: 'paper', words: 'the SRS never receives the PHR, encrypted or plain' },
  { id: 'insiders', section: 'Section 4', by: 'paper', words: 'protection from valid insiders: a member obtains only the partitions it is allowed' },
  { id: 'forward', section: 'Section 4', by: 'paper', words: 'forward access control: a departed user is denied afterwards' },
  { id: 'backward', section: 'Sections 4 and 3.6', by: 'paper', words: 'backward access control: new users may access the past data; access runs from the date of joining unless the owner specifies otherwise' },
  { id: 'revocation', section: 'Section 3.7 and Table IV', by: 'paper', words: 'revoking a user re-keys no one and re-encrypts nothing' },
  { id: 'audit', section: 'later write-ups (audit chain)', by: 'later write-ups', words: 'every access and sharing event is recorded in a tamper-evident log' },
  { id: 'tpa', section: 'later write-ups (third-party auditor)', by: 'later write-ups', words: 'a third-party auditor checks that the cloud keeps every file intact, without access to its contents' },
  { id: 'time', section: 'later write-ups (time server)', by: 'later write-ups', words: 'a time server bounds each user\'s access between a start and an end time' },
];

export interface ClaimMapping {
  readonly property: string;
  readonly claim: string;
  /** why this property tests that claim: one sentence naming its section */
  readonly argument: string;
  /** false when the property holding refutes the claim (a witness of a weakness); default true */
  readonly supports?: boolean;
  /**
   * An adversary beyond the source's trust model, present in the adversarial profile: a failure
   * there means "fails against this adversary", not "contradicts the paper's own claim".
   */
  readonly adversary?: string;
  /** the claim has readings; this property tests the one named, which the source asserts only under `policy` when given */
  readonly reading?: { readonly name: string; readonly policy?: Policy; readonly asserted: boolean };
}

export const CLAIM_MAP: readonly ClaimMapping[] = [
  { property: 'paper.no-ungranted-R', claim: 'no-ungranted-R', argument: 'Section 5\'s property 1 stated over the net: a member holding R^U for (f, i) has i in its ACL.' },
  { property: 'paper.correct-decryption', claim: 'correct-decryption', argument: 'Section 5\'s property 2 at the level of the net: a holder of C, R^U and its key can decrypt, and every plaintext held came from its C and key (the conformance suite checks the bytes).' },
  { property: 'flow.granted-user-reads', claim: 'correct-decryption', argument: 'Section 5 checks "an upload followed by a download and decryption by another user": this witness shows that flow happens, so property 2 is not vacuous.' },
  { property: 'paper.unauthorised-cannot', claim: 'unauthorised-cannot', argument: 'Section 5\'s property 3: an unregistered party never holds any R^U and never reads a partition.' },
  { property: 'conf.cloud', claim: 'confidentiality', argument: 'Section 4 claims confidentiality against the untrusted cloud: the cloud\'s knowledge closure contains no plaintext.' },
  { property: 'collusion.srs-cloud', claim: 'confidentiality', adversary: 'the SRS colluding with the cloud', argument: 'Section 3.1 only trusts the SRS as honest but curious and keeps it off the public cloud; pooling the SRS\'s keys with the cloud\'s ciphertext tests Section 4\'s confidentiality against that coalition.' },
  { property: 'conf.srs-never-gets-data', claim: 'srs-never-gets-data', argument: 'Section 3.1 says the SRS never receives the PHR, encrypted or plain: no C and no plaintext token ever reaches it.' },
  { property: 'insider.fine-grained', claim: 'insiders', argument: 'Section 4\'s protection from valid insiders: a member reads only the partitions its ACL grants, whatever it combines.' },
  { property: 'collusion.user-srs', claim: 'insiders', adversary: 'a member colluding with the SRS', argument: 'Section 3.5\'s scheme is single-key proxy re-encryption, which a delegatee and the proxy break together; a member joined by the SRS tests Section 4\'s insider protection against that coalition.' },
  { property: 'forward.new-files', claim: 'forward', reading: { name: 'files uploaded after the revocation', asserted: true }, argument: 'Section 4\'s forward access control as Section 3.7 implements it: a revoked user reads nothing uploaded after its revocation.' },
  { property: 'forward.all-files', claim: 'forward', adversary: 'a revoked user who keeps the keys and R values it obtained', argument: 'Section 4 says a departed user is denied afterwards while Section 3.7 re-encrypts nothing: a revoked user that keeps its bytes tests whether it is denied everything.' },
  { property: 'collusion.revoked-cloud', claim: 'forward', adversary: 'a revoked user colluding with the cloud', argument: 'Section 4\'s forward access control with the ciphertext in untrusted hands: a revoked user given every C still reads nothing uploaded after its revocation.' },
  { property: 'backward.history', claim: 'backward', reading: { name: 'new users read the past data', policy: 'history', asserted: true }, argument: 'Section 4 says new users may access the past data: under the history policy a late joiner reads an older upload.' },
  { property: 'backward.from-join-date', claim: 'backward', reading: { name: 'access from the date of joining', policy: 'from-join-date', asserted: true }, argument: 'Section 3.6 says access runs from the date of joining unless the owner specifies otherwise: under the from-join-date policy a late joiner reads no older upload.' },
  { property: 'revocation.no-rekey', claim: 'revocation', argument: 'Section 3.7 and Table IV: revoking one user changes no other principal\'s keys, no ciphertext and no R^P.' },
  { property: 'isolation.cross-patient', claim: 'insiders', argument: 'Section 4\'s protection from valid insiders across owners: one SRS and one cloud serve every patient (Section 3.1), so a member of one patient\'s circle is an insider facing another patient\'s data and must read none of it unless that patient granted it.' },
  { property: 'collusion.members-of-two-patients', claim: 'insiders', adversary: 'members of two different patients colluding', argument: 'Section 4\'s insiders are members for some patients and not for others: two of them pooling their keys and R values test insider protection against that coalition.' },
  { property: 'collusion.patient-srs', claim: 'confidentiality', adversary: 'an owner colluding with the SRS', argument: 'Section 3.1 trusts the SRS only as honest but curious and the ciphertexts sit in the untrusted cloud: an owner joined by the SRS deriving another owner\'s partition key tests Section 4\'s confidentiality against that coalition.' },
  { property: 'forward.new-versions', claim: 'forward', reading: { name: 'versions uploaded after the revocation', asserted: true }, argument: 'Section 4\'s forward access control for the updates of a record: nothing is re-encrypted (Section 3.7), so a version uploaded after a departure, with its fresh r, is what a departed member must not read, even given its ciphertext.' },
  { property: 'backward.rejoin-from-join-date', claim: 'backward', reading: { name: 'access from the date of (re-)joining', policy: 'from-join-date', asserted: true }, argument: 'Section 3.6 says access runs from the date of joining unless the owner specifies otherwise: a member who departed and joined again reads nothing uploaded in its absence where that rule is in force for it.' },
  { property: 'narrowing.no-new-uploads', claim: 'insiders', argument: 'Section 4\'s protection from valid insiders under Section 3.6\'s per-label access: a member whose owner took a label back reads no upload of it made afterwards.' },
  { property: 'audit.every-R-logged', claim: 'audit', argument: 'The audit chain of the later write-ups records every access: every R^U issued has its log entry.' },
  { property: 'audit.append-only', claim: 'audit', argument: 'A tamper-evident record (the later write-ups\' chain) never loses an entry: no firing removes one.' },
  { property: 'tpa.reads-nothing', claim: 'tpa', argument: 'The later write-ups\' auditor works without access to the data: alone or with the cloud it derives no key and no plaintext.' },
  { property: 'tpa.detects', claim: 'tpa', argument: 'The auditor of the later write-ups must catch a corrupted or deleted partition: a challenge of one detects it.' },
  { property: 'tpa.no-false-alarm', claim: 'tpa', argument: 'An auditor that flags intact data checks nothing: a detection implies a corruption.' },
  { property: 'tpa.detection-reachable', claim: 'tpa', argument: 'A detection can actually happen, so the auditor\'s detection property is not vacuous.' },
  { property: 'time.no-R-outside-window', claim: 'time', argument: 'The later write-ups\' time server bounds access: no R^U is issued once a user\'s window has ended.' },
  { property: 'time.expired-keeps', claim: 'time', supports: false, reading: { name: 'nothing readable after the window ends', asserted: false }, argument: 'Expiry, like Section 3.7\'s revocation, re-encrypts nothing: a witness of an expired user still reading shows the bound holds for new requests only.' },
];

export function claimById(id: string): Claim {
  const c = CLAIMS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown claim '${id}': expected one of ${CLAIMS.map((x) => x.id).join(', ')}`);
  return c;
}

/** The mapping of a property; every catalogue property has exactly one (a test checks it). */
export function mappingOf(property: string): ClaimMapping {
  const m = CLAIM_MAP.find((x) => x.property === property);
  if (!m) throw new Error(`property '${property}' tests no claim: add it to CLAIM_MAP in model/claims.ts`);
  return m;
}
