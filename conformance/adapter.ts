// Applies one model event (a ground transition with its binding, as model/machine.ts eventOf
// names it) to the real implementation and says whether the implementation did what the event
// names, or refused it and why. One adapter for every profile, variant and policy: the variant
// and policy live inside the real parties, so the mapping below is the same for all of them.
import type { NetEvent } from '../model/machine.js';
import { AUDITED_RULES } from '../model/rules/modules.js';
import { isSesphrError, verifyText, type AuditEntry } from '../impl/index.js';
import { filesOf, ownerOf, partitionsOf, patientIds, roleOf } from '../model/universe.js';
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

/** Rule 25 needs the document in the owner's client: load the whole file once, at its first Gen_ri. */
function ensureLoaded(w: World, f: string): void {
  if (w.loaded.has(f)) return;
  const doc: Record<string, Uint8Array> = {};
  for (const i of partitionsOf(w.U, ownerOf(w.U, f))) doc[i] = w.plaintext(f, i);
  w.owners.get(ownerOf(w.U, f))!.loadPHR(f, doc);
  w.loaded.add(f);
}

/** D_R_S and D_R_F are one request to the SRS; the event says which outcome the model expects. */
function request(w: World, e: NetEvent): ImplAnswer {
  const res = user(w, e.u).requestRU(e.f, e.i);
  if (e.type === 'D_R_S') return res.granted ? ok : { accepted: false, code: res.code, reason: res.reason };
  if (res.granted) return { accepted: false, code: 'GRANTED', reason: `the SRS issued RU(${e.u},${e.f},${e.i})` };
  // D_R_F is the refusal of a request for an uploaded partition; "no such partition" is not it.
  if (res.code === 'NO_SUCH_PARTITION') return { accepted: false, code: res.code, reason: res.reason };
  return { accepted: true, code: res.code, reason: res.reason };
}

function perform(w: World, e: NetEvent): ImplAnswer {
  const P = patientOf(w, e);
  const owner = ownerClient(w, e);
  switch (e.type) {
    case 'Gen_Key': principal(w, e.x).genKey(); return ok;
    case 'Send_Keys': principal(w, e.x).sendKeys(); return ok;
    case 'Gen_ri': ensureLoaded(w, e.f); owner.drawR(e.f, e.i); return ok;
    case 'Encrypt_Pi': owner.encryptPartition(e.f, e.i); return ok;
    case 'Compt_Ri': owner.computeRP(e.f, e.i); return ok;
    case 'Send_C': owner.sendC(e.f, e.i); return ok;
    case 'Send_Ri': owner.sendRP(e.f, e.i); return ok;
    case 'D_C': user(w, e.u).downloadC(e.f, e.i); return ok;
    case 'D_R_S': case 'D_R_F': return request(w, e);
    case 'Decrypt_ri': {
      const got = user(w, e.u).decrypt(e.f, e.i);
      return { accepted: true, exact: Buffer.from(got).equals(Buffer.from(w.plaintext(e.f, e.i))) };
    }
    case 'Register': {
      user(w, e.u).register(P, roleOf(w.U, e.u, P) as never);
      return ok;
    }
    case 'Approve': owner.approve(e.u); return ok;
    case 'Grant': owner.grant(e.u, e.i); return ok;
    // Honest departure: the SRS side, then the user's client wipes what it held.
    case 'Revoke': {
      // with several patients, the client forgets only this patient's files, and keeps its key
      // pair while another patient still has it as a member (model/rules/lifecycle.ts)
      const keepKeys = patientIds(w.U).some((q) => q !== P && w.srs.member(e.u, q)?.approved);
      owner.revoke(e.u);
      user(w, e.u).forget(w.U.patients.length > 1 ? { files: filesOf(w.U, P), keepKeys } : undefined);
      return ok;
    }
    // The departing user keeps every byte: only the SRS side happens.
    case 'Revoke_Keep': owner.revoke(e.u); return ok;
    // A cloud insider hands C to a user: the cloud serves the object, the user keeps it.
    case 'Leak_C': user(w, e.o).downloadC(e.f, e.i); return ok;
    // tpa module. The cloud loses C(f,i): realised as deletion, the form whose holdings the oracle
    // can compare token for token (in-place corruption is tested in test/modules-tpa.test.ts).
    case 'Corrupt_C': w.cloud.deleteForTest(e.f, e.i); return ok;
    // A full challenge (every block): the model's challenge always covers the damage.
    case 'TPA_Challenge_S': case 'TPA_Challenge_F': return challenge(w, e);
    // time module: the clock passes u's window end. Realised by the owner fixing u's end at the next
    // epoch and the test clock ticking to it, so each user's end falls where the model's Expire does.
    case 'Expire': owner.setWindow(e.u, { end: w.srs.epoch + 1 }); w.srs.tick(); return ok;
    default: throw new Error(`the adapter has no mapping for event type '${e.type}'`);
  }
}

/** TPA_Challenge_S expects the challenge to pass, TPA_Challenge_F to fail (the detection). */
function challenge(w: World, e: NetEvent): ImplAnswer {
  if (!w.tpa) throw new Error('the adapter has no mapping for event type \'' + e.type + '\' without the tpa module');
  const r = w.tpa.auditor.challenge(w.cloud, e.f, e.i, 'all', w.tpa.rng);
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
  const who = e.u ?? e.x;
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
