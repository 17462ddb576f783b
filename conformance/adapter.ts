// Applies one model event (a ground transition with its binding, as model/machine.ts eventOf
// names it) to the real implementation and says whether the implementation did what the event
// names, or refused it and why. One adapter for every profile, variant and policy: the variant
// and policy live inside the real parties, so the mapping below is the same for all of them.
import type { NetEvent } from '../model/machine.js';
import { AUDITED_RULES } from '../model/rules/modules.js';
import { isSesphrError, verifyText, type AuditEntry } from '../impl/index.js';
import { filesOf, generationOf, ownerOf, partitionsOf, patientIds, roleOf, versionOf } from '../model/universe.js';
import type { World } from './world.js';

export interface ImplAnswer {
  /** the implementation performed what the event names */
  readonly accepted: boolean;
  /** the implementation's refusal code (SesphrError code, or the SRS's refusal code) */
  readonly code?: string;
  readonly reason?: string;
  /** Decrypt_ri only: the bytes returned equal the exact plaintext */
  readonly exact?: boolean;
  /** a non-SesphrError exception: always a defect, never a refusal */
  readonly crashed?: boolean;
}

const ok: ImplAnswer = { accepted: true };

function user(w: World, u: string) {
  const c = w.users.get(u);
  if (!c) throw new Error(`event names unknown user '${u}'`);
  return c;
}

function principal(w: World, x: string) {
  return w.owners.get(x) ?? user(w, x);
}

/** The patient an event is about: its `p` (bound by every patient-scoped rule), else the owner of its file. */
function patientOf(w: World, e: NetEvent): string {
  return e.p ?? (e.f !== undefined ? ownerOf(w.U, e.f) : patientIds(w.U)[0]);
}

const ownerClient = (w: World, e: NetEvent) => w.owners.get(patientOf(w, e))!;

/** Rule 25 needs the document in the owner's client: load the whole file once, at its first Gen_ri
 *  of a first version; a later version f~v of (f,i) is a record update of that one partition. */
function ensureLoaded(w: World, f: string, i: string): void {
  if (w.loaded.has(`${f}/${i}`)) return;
  const { file, version } = versionOf(f);
  const labels = version > 1 ? [i] : partitionsOf(w.U, ownerOf(w.U, f));
  const doc: Record<string, Uint8Array> = {};
  for (const l of labels) doc[l] = w.plaintext(f, l);
  w.owners.get(ownerOf(w.U, f))!.loadPHR(file, doc, { version });
  for (const l of labels) w.loaded.add(`${f}/${l}`);
}

/** The implementation's (file, version) of a model file id (`f1~2`: file f1, version 2). */
const fv = (f: string): [string, number] => ((x) => [x.file, x.version])(versionOf(f));
/** The user id at the SRS of a model user (`d~2`: user d, its second key generation). */
const person = (u: string): string => generationOf(u).user;
/** The key generation of a model user, which every owner action on it names. */
const gen = (u: string): number => generationOf(u).generation;

/** D_R_S and D_R_F are one request to the SRS; the event says which outcome the model expects. */
function request(w: World, e: NetEvent): ImplAnswer {
  const [file, version] = fv(e.f);
  const res = user(w, e.u).requestRU(file, e.i, version);
  if (e.type === 'D_R_S') return res.granted ? ok : { accepted: false, code: res.code, reason: res.reason };
  if (res.granted) return { accepted: false, code: 'GRANTED', reason: `the SRS issued RU(${e.u},${e.f},${e.i})` };
  // D_R_F is the refusal of a request for an uploaded partition; "no such partition" is not it.
  if (res.code === 'NO_SUCH_PARTITION') return { accepted: false, code: res.code, reason: res.reason };
  return { accepted: true, code: res.code, reason: res.reason };
}

function perform(w: World, e: NetEvent): ImplAnswer {
  const P = patientOf(w, e);
  const owner = ownerClient(w, e);
  const [file, version] = e.f !== undefined ? fv(e.f) : ['', 1];
  switch (e.type) {
    case 'Gen_Key': principal(w, e.x).genKey(); return ok;
    case 'Send_Keys': principal(w, e.x).sendKeys(); return ok;
    case 'Gen_ri': ensureLoaded(w, e.f, e.i); owner.drawR(file, e.i, version); return ok;
    case 'Encrypt_Pi': owner.encryptPartition(file, e.i, version); return ok;
    case 'Compt_Ri': owner.computeRP(file, e.i, version); return ok;
    case 'Send_C': owner.sendC(file, e.i, version); return ok;
    case 'Send_Ri': owner.sendRP(file, e.i, version); return ok;
    case 'D_C': user(w, e.u).downloadC(file, e.i, version); return ok;
    case 'D_R_S': case 'D_R_F': return request(w, e);
    case 'Decrypt_ri': {
      const got = user(w, e.u).decrypt(file, e.i, version);
      return { accepted: true, exact: Buffer.from(got).equals(Buffer.from(w.plaintext(e.f, e.i))) };
    }
    case 'Register': {
      user(w, e.u).register(P, roleOf(w.U, e.u, P) as never);
      return ok;
    }
    case 'Approve': owner.approve(person(e.u), undefined, gen(e.u)); return ok;
    case 'Grant': owner.grant(person(e.u), e.i, undefined, gen(e.u)); return ok;
    // Narrowing: the SRS side, then the member's honest client drops what it held of that label.
    case 'Ungrant': owner.ungrant(person(e.u), e.i, gen(e.u)); user(w, e.u).forgetLabel(e.i, filesOf(w.U, P)); return ok;
    case 'Except_Policy': owner.except(person(e.u), gen(e.u)); return ok;
    // Honest departure: the SRS side, then the user's client wipes what it held.
    case 'Revoke': {
      // with several patients, the client forgets only this patient's files, and keeps its key
      // pair while another patient still has it as a member (model/rules/lifecycle.ts)
      const keepKeys = patientIds(w.U).some((q) => q !== P && w.srs.member(person(e.u), q)?.approved);
      owner.revoke(person(e.u), gen(e.u));
      user(w, e.u).forget(w.U.patients.length > 1 ? { files: filesOf(w.U, P), keepKeys } : undefined);
      return ok;
    }
    // The departing user keeps every byte: only the SRS side happens.
    case 'Revoke_Keep': owner.revoke(person(e.u), gen(e.u)); return ok;
    // A cloud insider hands C to a user: the cloud serves the object, the user keeps it.
    case 'Leak_C': user(w, e.o).downloadC(file, e.i, version); return ok;
    // tpa module. The cloud loses C(f,i): realised as deletion, the form whose holdings the oracle
    // can compare token for token (in-place corruption is tested in test/modules-tpa.test.ts).
    case 'Corrupt_C': w.cloud.deleteForTest(file, e.i); return ok;
    // A full challenge (every block): the model's challenge always covers the damage.
    case 'TPA_Challenge_S': case 'TPA_Challenge_F': return challenge(w, e);
    // time module: the clock passes u's window end. Realised by the owner fixing u's end at the next
    // epoch and the test clock ticking to it, so each user's end falls where the model's Expire does.
    case 'Expire': owner.setWindow(person(e.u), { end: w.srs.epoch + 1 }, undefined, gen(e.u)); w.srs.tick(); return ok;
    default: throw new Error(`the adapter has no mapping for event type '${e.type}'`);
  }
}

/** TPA_Challenge_S expects the challenge to pass, TPA_Challenge_F to fail (the detection). */
function challenge(w: World, e: NetEvent): ImplAnswer {
  if (!w.tpa) throw new Error('the adapter has no mapping for event type \'' + e.type + '\' without the tpa module');
  const r = w.tpa.auditor.challenge(w.cloud, fv(e.f)[0], e.i, 'all', w.tpa.rng);
  if (e.type === 'TPA_Challenge_S') return r.intact ? ok : { accepted: false, code: 'CORRUPTED', reason: r.problem };
  return r.intact ? { accepted: false, code: 'INTACT', reason: `every block of C(${e.f},${e.i}) verifies` } : { accepted: true, code: 'DETECTED', reason: r.problem };
}

/** audit module: an audited event the implementation performed must have left a valid chain one
 *  entry longer (at least), its last entry about this event's subject; otherwise the event is
 *  reported as not performed (code NOT_LOGGED), which the oracle counts as a mismatch. */
function checkLogged(w: World, e: NetEvent, before: number, a: ImplAnswer): ImplAnswer {
  if (!w.audit || !a.accepted || !(AUDITED_RULES as readonly string[]).includes(e.type)) return a;
  const text = w.audit.text();
  const v = verifyText(text);
  if (!v.ok) return { accepted: false, code: 'NOT_LOGGED', reason: `audit chain broken at line ${v.line}: ${v.problem}` };
  if (v.entries <= before) return { accepted: false, code: 'NOT_LOGGED', reason: `${e.type} left no audit entry` };
  const last = JSON.parse(text.trimEnd().split('\n').pop()!) as AuditEntry;
  const who = e.u !== undefined ? person(e.u) : e.x !== undefined ? person(e.x) : undefined;
  if (who !== undefined && last.actor !== who && last.subject !== who) return { accepted: false, code: 'NOT_LOGGED', reason: `last audit entry (${last.event}) does not name ${who}` };
  if (e.type === 'D_R_S' && (last.event !== 'r-granted' || last.file !== e.f || last.label !== e.i)) return { accepted: false, code: 'NOT_LOGGED', reason: `R^U issued without its r-granted entry (last: ${last.event})` };
  return a;
}

/** Applies `e` to the world. Refusals (SesphrError) are answers, not failures. */
export function applyEvent(w: World, e: NetEvent): ImplAnswer {
  const before = w.audit ? w.audit.head().entries : 0;
  try {
    return checkLogged(w, e, before, perform(w, e));
  } catch (err) {
    if (isSesphrError(err)) return { accepted: false, code: err.code, reason: err.message };
    if (err instanceof Error && err.message.startsWith('the adapter has no mapping')) throw err;
    return { accepted: false, crashed: true, code: 'CRASH', reason: err instanceof Error ? err.message : String(err) };
  }
}
