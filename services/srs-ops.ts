// The SRS's operations at the wire: each one route, its schemas, the principal who must sign it,
// and the call into the implementation's Srs it stands for. State-changing operations are the
// commands the store keeps and a restart replays (srs-store.ts) through this same table.
import { type OwnerConfig, type Role, type Srs, type WindowSpec, SesphrError, checkId } from '../impl/index.js';
import { G1, G2, GENERATION, GT, HEX_KEY, ID, OK, SCALAR, VERSION, WINDOW, errors, obj } from './schemas.js';
import { b64, unb64 } from './wire.js';

export interface Input {
  readonly [k: string]: unknown;
}

export interface SrsOp {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly url: string;
  readonly summary: string;
  readonly params?: ReturnType<typeof obj>;
  readonly body?: ReturnType<typeof obj>;
  readonly response: unknown;
  readonly errors: Array<400 | 401 | 403 | 404 | 409 | 413>;
  /** the input field naming the principal who must sign; none: any registered principal */
  readonly actor?: string;
  /** registration: the signing key comes in the body and is bound on success */
  readonly selfKey?: boolean;
  /** changes state: kept by the store and replayed on restart */
  readonly mutates: boolean;
  run(srs: Srs, x: Input): unknown;
}

const s = (x: Input, k: string) => x[k] as string;
const win = (x: Input, k = 'window') => x[k] as WindowSpec | undefined;
/** the key generation a request names (absent: whichever the SRS holds now) */
const gen = (x: Input) => x.generation as number | undefined;
const AUTH = [400, 401, 403] as const;
const PRINCIPAL = obj({ x: ID });
const OWNER = obj({ owner: ID });
/** What the SRS answers about a stored partition: control data, never R_P (Srs.partition). */
const PARTITION_RECORD = obj({ owner: ID, file: ID, label: ID, version: VERSION, uploadEpoch: { type: 'integer' } });
/** a body that only names the key generation the request is for (optional, as is the body) */
const GEN = obj({ generation: GENERATION }, []);
const CONFIG = {
  type: 'object', additionalProperties: false,
  properties: { labels: { type: 'array', maxItems: 64, items: ID }, defaultAccess: { type: 'object', maxProperties: 16, additionalProperties: { type: 'array', maxItems: 64, items: ID } } },
} as const;

export const SRS_OPS: readonly SrsOp[] = [
  {
    name: 'registerOwner', method: 'POST', url: '/v1/owners', summary: 'Register(P): the patient, its labels and default access per role, and its signing key',
    body: obj({ owner: ID, signingKey: HEX_KEY, config: CONFIG }, ['owner', 'signingKey']), response: OK, errors: [...AUTH, 409],
    actor: 'owner', selfKey: true, mutates: true,
    run: (srs, x) => srs.registerOwner(s(x, 'owner'), x.config as Partial<OwnerConfig> | undefined),
  },
  {
    name: 'register', method: 'POST', url: '/v1/users', summary: 'Register(u): a user asks to join an owner\'s circle under a role, with its signing key; the owner approves',
    body: obj({ user: ID, owner: ID, role: { type: 'string', maxLength: 32 }, signingKey: HEX_KEY, generation: GENERATION }, ['user', 'owner', 'role', 'signingKey']),
    response: obj({ ok: OK.properties.ok, generation: GENERATION }), errors: [...AUTH, 404, 409],
    actor: 'user', selfKey: true, mutates: true,
    run: (srs, x) => ({ ok: true, generation: srs.register(s(x, 'user'), s(x, 'owner'), x.role as Role, gen(x)) }),
  },
  {
    name: 'genKey', method: 'POST', url: '/v1/principals/:x/keys', summary: 'Gen_Key(x), rule 23 (srs-keys): the SRS draws x\'s key pair',
    params: PRINCIPAL, body: GEN, response: OK, errors: [...AUTH, 404, 409], actor: 'x', mutates: true,
    run: (srs, x) => srs.genKey(s(x, 'x'), gen(x)),
  },
  {
    name: 'sendKeys', method: 'POST', url: '/v1/principals/:x/keys/send', summary: 'Send_Keys(x), rule 24 (srs-keys): x receives sk and pk',
    params: PRINCIPAL, body: GEN, response: obj({ principal: ID, sk: SCALAR, pk: G1 }), errors: [...AUTH, 404, 409], actor: 'x', mutates: true,
    run: (srs, x) => {
      const k = srs.sendKeys(s(x, 'x'), gen(x));
      return { principal: k.principal, sk: b64(k.sk), pk: b64(k.pk) };
    },
  },
  {
    name: 'receivePublicKey', method: 'PUT', url: '/v1/principals/:x/public-key', summary: 'Send_Keys(x), rule 24 (owner-keys): x deposits its public key g1^x',
    params: PRINCIPAL, body: obj({ pk: G1, generation: GENERATION }, ['pk']), response: OK, errors: [...AUTH, 404, 409], actor: 'x', mutates: true,
    run: (srs, x) => srs.receivePublicKey(s(x, 'x'), unb64(s(x, 'pk')), gen(x)),
  },
  {
    name: 'publicKey', method: 'GET', url: '/v1/principals/:x/public-key', summary: 'pk(x): public keys are public (the owner computes RK from pk_U in owner-keys)',
    params: PRINCIPAL, response: obj({ pk: G1 }), errors: [...AUTH, 404], mutates: false,
    run: (srs, x) => ({ pk: b64(srs.publicKey(s(x, 'x'))) }),
  },
  {
    name: 'approve', method: 'POST', url: '/v1/owners/:owner/approvals', summary: 'Approve(u): membership with the role\'s default access; owner-keys carries the owner\'s RK',
    params: OWNER, body: obj({ user: ID, rk: G1, window: WINDOW, generation: GENERATION }, ['user']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.approve(s(x, 'owner'), s(x, 'user'), x.rk === undefined ? undefined : unb64(s(x, 'rk')), win(x), gen(x)),
  },
  {
    name: 'grant', method: 'POST', url: '/v1/owners/:owner/grants', summary: 'Grant(u,i): access to one more label',
    params: OWNER, body: obj({ user: ID, label: ID, window: WINDOW, generation: GENERATION }, ['user', 'label']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.grant(s(x, 'owner'), s(x, 'user'), s(x, 'label'), win(x), gen(x)),
  },
  {
    name: 'ungrant', method: 'POST', url: '/v1/owners/:owner/ungrants', summary: 'Ungrant(u,i): narrowing, label i leaves u\'s ACL entry (nothing is re-keyed)',
    params: OWNER, body: obj({ user: ID, label: ID, generation: GENERATION }, ['user', 'label']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.ungrant(s(x, 'owner'), s(x, 'user'), s(x, 'label'), gen(x)),
  },
  {
    name: 'except', method: 'POST', url: '/v1/owners/:owner/exceptions', summary: 'Except_Policy(u): u\'s backward access runs against the global policy, for u alone, until u departs',
    params: OWNER, body: obj({ user: ID, generation: GENERATION }, ['user']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.except(s(x, 'owner'), s(x, 'user'), gen(x)),
  },
  {
    name: 'setWindow', method: 'POST', url: '/v1/owners/:owner/windows', summary: 'time module: set or end a member\'s window, or one label\'s',
    params: OWNER, body: obj({ user: ID, window: WINDOW, label: ID, generation: GENERATION }, ['user', 'window']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.setWindow(s(x, 'owner'), s(x, 'user'), win(x)!, x.label as string | undefined, gen(x)),
  },
  {
    name: 'revoke', method: 'POST', url: '/v1/owners/:owner/revocations', summary: 'Revoke(u): delete u\'s keys, RK and ACL entries',
    params: OWNER, body: obj({ user: ID, generation: GENERATION }, ['user']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.revoke(s(x, 'owner'), s(x, 'user'), gen(x)),
  },
  {
    name: 'checkApprove', method: 'POST', url: '/v1/owners/:owner/approval-checks', summary: 'Would approving this user be accepted? (nothing changes)',
    params: OWNER, body: obj({ user: ID, generation: GENERATION }, ['user']), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: false,
    run: (srs, x) => srs.checkApprove(s(x, 'owner'), s(x, 'user'), gen(x)),
  },
  {
    name: 'checkUpload', method: 'POST', url: '/v1/owners/:owner/upload-checks', summary: 'Would this R_P be accepted? (nothing changes)',
    params: OWNER, body: obj({ file: ID, label: ID, version: VERSION }), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: false,
    run: (srs, x) => srs.checkUpload(s(x, 'owner'), s(x, 'file'), s(x, 'label'), x.version as number),
  },
  {
    name: 'checkUploads', method: 'POST', url: '/v1/owners/:owner/upload-checks/batches', summary: 'Would these R_P of one file be accepted? The first refusal in their order (nothing changes)',
    params: OWNER, body: obj({ file: ID, checks: { type: 'array', minItems: 1, maxItems: 64, items: obj({ label: ID, version: VERSION }) } }), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: false,
    run: (srs, x) => srs.checkUploads(s(x, 'owner'), s(x, 'file'), (x.checks as { label: string; version: number }[]).map((c) => ({ label: checkId(c.label, 'body.checks.label'), version: c.version }))),
  },
  {
    name: 'storeRP', method: 'POST', url: '/v1/owners/:owner/partitions', summary: 'Send_Ri, rule 29: R_P of one partition (never C)',
    params: OWNER, body: obj({ file: ID, label: ID, version: VERSION, rp: G2 }), response: OK, errors: [...AUTH, 404, 409], actor: 'owner', mutates: true,
    run: (srs, x) => srs.storeRP({ owner: s(x, 'owner'), file: s(x, 'file'), label: s(x, 'label'), version: x.version as number, rp: unb64(s(x, 'rp')) }),
  },
  {
    name: 'requestRU', method: 'POST', url: '/v1/users/:user/ru', summary: 'D_R_S / D_R_F, rules 31-32: R_U = e(R_P, RK) if the ACL and policy allow, else the refusal and its reason',
    params: obj({ user: ID }), body: obj({ file: ID, label: ID, generation: GENERATION, version: VERSION }, ['file', 'label']),
    response: {
      type: 'object', additionalProperties: false, required: ['granted'],
      properties: { granted: { type: 'boolean' }, owner: ID, file: ID, label: ID, version: VERSION, ru: GT, code: { type: 'string' }, reason: { type: 'string' } },
    },
    errors: [...AUTH], actor: 'user', mutates: false,
    run: (srs, x) => {
      const want = { ...(x.generation !== undefined && { generation: gen(x) }), ...(x.version !== undefined && { version: x.version as number }) };
      const r = srs.requestRU(s(x, 'user'), s(x, 'file'), s(x, 'label'), want);
      return r.granted ? { ...r, ru: b64(r.ru) } : r;
    },
  },
  {
    name: 'labelsOf', method: 'GET', url: '/v1/owners/:owner/labels', summary: 'The owner\'s partition labels',
    params: OWNER, response: obj({ labels: { type: 'array', items: ID } }), errors: [...AUTH, 404], mutates: false,
    run: (srs, x) => ({ labels: srs.labelsOf(s(x, 'owner')) }),
  },
  {
    name: 'partition', method: 'GET', url: '/v1/partitions/:file/:label', summary: 'The version and owner the SRS holds for a partition (control data, no R_P)',
    params: obj({ file: ID, label: ID }), response: PARTITION_RECORD, errors: [...AUTH, 404], mutates: false,
    run: (srs, x) => {
      const p = srs.partition(s(x, 'file'), s(x, 'label'));
      if (!p) throw new SesphrError('NO_SUCH_PARTITION', `partition(${s(x, 'file')},${s(x, 'label')}): no R_P stored`, 'params.file');
      return p;
    },
  },
  {
    name: 'partitions', method: 'POST', url: '/v1/partition-lookups', summary: 'The version and owner the SRS holds for each of a file\'s partitions named, those it holds (control data, no R_P)',
    body: obj({ file: ID, labels: { type: 'array', minItems: 1, maxItems: 64, items: ID } }),
    response: obj({ partitions: { type: 'array', items: PARTITION_RECORD } }), errors: [...AUTH], mutates: false,
    run: (srs, x) => ({ partitions: srs.partitions(s(x, 'file'), (x.labels as string[]).map((l) => checkId(l, 'body.labels'))) }),
  },
];

/** The fields of an operation's input that are ids, checked before anything runs. */
export function checkIds(op: SrsOp, x: Input): void {
  for (const schema of [op.params, op.body]) {
    for (const [k, v] of Object.entries(schema?.properties ?? {})) if (v === ID && x[k] !== undefined) checkId(x[k], k);
  }
}
