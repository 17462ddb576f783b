// Applies one model event (a ground transition with its binding, as model/machine.ts eventOf
// names it) to the real implementation and says whether the implementation did what the event
// names, or refused it and why. One adapter for every profile, variant and policy: the variant
// and policy live inside the real parties, so the mapping below is the same for all of them.
import type { NetEvent } from '../model/machine.js';
import { isSesphrError } from '../impl/index.js';
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
  return x === w.U.owner ? w.owner : user(w, x);
}

/** Rule 25 needs the document in the owner's client: load the whole file once, at its first Gen_ri. */
function ensureLoaded(w: World, f: string): void {
  if (w.loaded.has(f)) return;
  const doc: Record<string, Uint8Array> = {};
  for (const i of w.U.partitions) doc[i] = w.plaintext(f, i);
  w.owner.loadPHR(f, doc);
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
  const P = w.U.owner;
  switch (e.type) {
    case 'Gen_Key': principal(w, e.x).genKey(); return ok;
    case 'Send_Keys': principal(w, e.x).sendKeys(); return ok;
    case 'Gen_ri': ensureLoaded(w, e.f); w.owner.drawR(e.f, e.i); return ok;
    case 'Encrypt_Pi': w.owner.encryptPartition(e.f, e.i); return ok;
    case 'Compt_Ri': w.owner.computeRP(e.f, e.i); return ok;
    case 'Send_C': w.owner.sendC(e.f, e.i); return ok;
    case 'Send_Ri': w.owner.sendRP(e.f, e.i); return ok;
    case 'D_C': user(w, e.u).downloadC(e.f, e.i); return ok;
    case 'D_R_S': case 'D_R_F': return request(w, e);
    case 'Decrypt_ri': {
      const got = user(w, e.u).decrypt(e.f, e.i);
      return { accepted: true, exact: Buffer.from(got).equals(Buffer.from(w.plaintext(e.f, e.i))) };
    }
    case 'Register': {
      const role = w.U.users.find((x) => x.id === e.u)?.role;
      user(w, e.u).register(P, role as never);
      return ok;
    }
    case 'Approve': w.owner.approve(e.u); return ok;
    case 'Grant': w.owner.grant(e.u, e.i); return ok;
    // Honest departure: the SRS side, then the user's client wipes what it held.
    case 'Revoke': w.owner.revoke(e.u); user(w, e.u).forget(); return ok;
    // The departing user keeps every byte: only the SRS side happens.
    case 'Revoke_Keep': w.owner.revoke(e.u); return ok;
    // A cloud insider hands C to an outsider: the cloud serves the object, the outsider keeps it.
    case 'Leak_C': user(w, e.o).downloadC(e.f, e.i); return ok;
    default: throw new Error(`the adapter has no mapping for event type '${e.type}'`);
  }
}

/** Applies `e` to the world. Refusals (SesphrError) are answers, not failures. */
export function applyEvent(w: World, e: NetEvent): ImplAnswer {
  try {
    return perform(w, e);
  } catch (err) {
    if (isSesphrError(err)) return { accepted: false, code: err.code, reason: err.message };
    if (err instanceof Error && err.message.startsWith('the adapter has no mapping')) throw err;
    return { accepted: false, crashed: true, code: 'CRASH', reason: err instanceof Error ? err.message : String(err) };
  }
}
