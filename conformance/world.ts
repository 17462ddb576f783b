// The implementation side of a conformance run: one real SRS, one real cloud, a patient client for
// the model's owner and a user client for every model user (outsiders included: they hold what a
// leak hands them). Randomness is seeded so a run is reproducible, but keys, pairings and AES-GCM
// are the real ones. The world mirrors the model's M0 (model/net.ts initialMarking).
import { createHash } from 'node:crypto';
import { type NetConfig, hasModule } from '../model/config.js';
import { CLOUD, SRS, TPA } from '../model/terms.js';
import { type Universe, filesOf, generationOf, isPatient, joiners, lifecycleUniverse, partitionsOf, patient, patientIds, roleOf } from '../model/universe.js';
import {
  AuditLog, Cloud, PatientClient, ROLES, Srs, Tpa, UserClient, deterministicRandom, holding, tok,
  type ClientOptions, type CloudOptions, type Holding, type OwnerConfig, type RandomSource, type Role, type SrsOptions,
} from '../impl/index.js';

/** Constructors a run may replace (the mutation script injects faulty subclasses here). */
export interface Makers {
  srs(opts: SrsOptions): Srs;
  cloud(opts?: CloudOptions): Cloud;
  patient(id: string, opts: ClientOptions): PatientClient;
  user(id: string, opts: ClientOptions): UserClient;
}

export const HONEST: Makers = {
  srs: (o) => new Srs(o),
  cloud: (o) => new Cloud(o),
  patient: (id, o) => new PatientClient(id, o),
  user: (id, o) => new UserClient(id, o),
};

export interface World {
  readonly U: Universe;
  readonly cfg: NetConfig;
  readonly seed: string;
  readonly srs: Srs;
  readonly cloud: Cloud;
  /** one patient client per owner of the universe, by id */
  readonly owners: ReadonlyMap<string, PatientClient>;
  readonly users: ReadonlyMap<string, UserClient>;
  /** (file, partition) pairs, as `f/i` with f a version's model id, the owner's client has loaded
   *  (before that, the document is only the owner's own file) */
  readonly loaded: Set<string>;
  /** the exact plaintext of partition i of file f: what "reads" must reproduce byte for byte */
  plaintext(f: string, i: string): Uint8Array;
  /** audit module: the SRS's log (in memory) */
  readonly audit?: AuditLog;
  /** tpa module: the auditor the owner commits to, and its (seeded) challenge randomness */
  readonly tpa?: { readonly auditor: Tpa; readonly rng: RandomSource };
}

/** Deterministic plaintext per (seed, file, partition): distinct per partition, so a key opening
 *  the wrong partition is caught by the byte comparison. */
export function plaintextFor(seed: string, f: string, i: string): Uint8Array {
  const tag = createHash('sha256').update(`${seed}/PHR/${f}/${i}`).digest('hex').slice(0, 24);
  return new TextEncoder().encode(JSON.stringify({ file: f, partition: i, record: `${i} data of ${f}`, tag }));
}

/** Owner p's registration at the SRS: its labels and default access per role. */
export function ownerConfigOf(U: Universe, p: string): OwnerConfig {
  const defaultAccess = {} as Record<Role, string[]>;
  for (const role of ROLES) defaultAccess[role] = [...(patient(U, p).defaultAccess[role] ?? [])];
  return { labels: [...partitionsOf(U, p)], defaultAccess };
}

export function createWorld(written: Universe, cfg: NetConfig, seed: string, make: Makers = HONEST): World {
  // the universe the configuration's net is grounded over: with its versions and key generations
  const U = lifecycleUniverse(written, cfg.profile);
  const rng = (who: string) => deterministicRandom(`${seed}/${who}`);
  // Optional modules: without them the world is exactly what it was.
  const audit = hasModule(cfg, 'audit') ? AuditLog.inMemory() : undefined;
  const tpa = hasModule(cfg, 'tpa') ? { auditor: new Tpa(), rng: rng('TPA') } : undefined;
  const srs = make.srs({ variant: cfg.variant, policy: cfg.policy, rng: rng(SRS), ...(audit && { audit }) });
  const cloud = tpa ? make.cloud({ merkleTrees: true }) : make.cloud();
  // One SRS and one cloud serve every patient. The model has no rule for an owner's own
  // registration: each owner exists from the start.
  const owners = new Map(patientIds(U).map((p) => {
    const owner = make.patient(p, { srs, cloud, rng: rng(p), ...(tpa && { tpa: tpa.auditor }) });
    owner.register(ownerConfigOf(U, p));
    return [p, owner] as const;
  }));
  // one client per key generation: a user who re-joins does so with a fresh client and key pair,
  // the same user at the SRS (its id without the generation), its tokens named by generation
  const users = new Map(U.users.map((u) => {
    const { user, generation } = generationOf(u.id);
    return [u.id, make.user(user, { srs, cloud, rng: rng(u.id), generation })] as const;
  }));
  if (cfg.profile === 'paper') {
    // Paper M0: every non-outsider user is registered and approved with its role's default access.
    for (const p of patientIds(U))
      for (const u of joiners(U, p)) {
        users.get(u)!.register(p, roleOf(U, u, p) as Role);
        owners.get(p)!.approve(u);
      }
  }
  const texts = new Map<string, Uint8Array>();
  const plaintext = (f: string, i: string) => {
    const k = `${f}/${i}`;
    let t = texts.get(k);
    if (!t) texts.set(k, (t = plaintextFor(seed, f, i)));
    return t;
  };
  return { U, cfg, seed, srs, cloud, owners, users, loaded: new Set(), plaintext, audit, tpa };
}

/** Every party of the world by its model name: the owner, each user, SRS, Cloud (and the TPA with the tpa module). */
export function partiesOf(U: Universe, cfg?: NetConfig): string[] {
  return [...patientIds(U), ...U.users.map((u) => u.id), SRS, CLOUD, ...(cfg && hasModule(cfg, 'tpa') ? [TPA] : [])];
}

/** What one party holds, in the model's token syntax. The owner also holds its own document for
 *  files its client has not loaded yet (model M0: the owner holds every plaintext partition). */
export function holdingsOf(w: World, party: string): Holding[] {
  if (party === SRS) return w.srs.holdings();
  if (party === CLOUD) return w.cloud.holdings();
  // tpa module: the auditor holds commitments only
  if (party === TPA && w.tpa) return w.tpa.auditor.holdings();
  if (isPatient(w.U, party)) {
    const own = w.owners.get(party)!.holdings();
    for (const f of filesOf(w.U, party)) for (const i of partitionsOf(w.U, party)) if (!w.loaded.has(`${f}/${i}`)) own.push(holding(tok.PHR(f, i), w.plaintext(f, i)));
    return own;
  }
  const u = w.users.get(party);
  if (!u) throw new Error(`no party '${party}' in this world`);
  return u.holdings();
}
