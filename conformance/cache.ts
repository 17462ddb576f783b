// Group operations memoised by their input bytes. The oracle re-derives every coalition's keys
// after every step; the inputs rarely change between steps, and a pairing (~12 ms) or a GT
// exponentiation (~11 ms) is what makes a naive oracle slow. Values never leave this module as
// text except as map keys.
import { Z, encodeGT, encodeKey, gt, keyGroup, pairKeyRP, scalar, tryDecodeGT, tryDecodeKey, tryDecodeRP, type GT, type KeyPoint, type RPPoint } from '../impl/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const int = (b: Uint8Array) => BigInt('0x' + hex(b));

/** A GT element with its canonical bytes (the HKDF input, and the memo key). */
export interface Mask {
  readonly value: GT;
  readonly key: string;
}

export class GroupCache {
  private readonly memo = new Map<string, unknown>();
  hits = 0;
  misses = 0;

  private get<T>(kind: string, parts: readonly Uint8Array[], make: () => T): T {
    const k = kind + ':' + parts.map(hex).join(':');
    if (this.memo.has(k)) {
      this.hits++;
      return this.memo.get(k) as T;
    }
    this.misses++;
    const v = make();
    this.memo.set(k, v);
    return v;
  }

  private mask(value: GT): Mask {
    return { value, key: hex(encodeGT(value)) };
  }

  /** R_P's group (impl/scheme/placement.ts) */
  rp(b: Uint8Array): RPPoint | undefined {
    return this.get('rp', [b], () => tryDecodeRP(b));
  }
  /** the group of pk and RK */
  key(b: Uint8Array): KeyPoint | undefined {
    return this.get('key', [b], () => tryDecodeKey(b));
  }

  /** K1: Z^r from r. */
  maskFromR(r: Uint8Array): Mask {
    return this.get('r', [r], () => this.mask(gt.pow(Z(), int(r))));
  }
  /** Z^r held directly as GT bytes (the model's key(f,i) token). */
  maskFromBytes(b: Uint8Array): Mask | undefined {
    return this.get('gt', [b], () => { const z = tryDecodeGT(b); return z && this.mask(z); });
  }
  /** K2: (R^U)^{1/x_u} = Z^r. */
  maskFromRU(ru: Uint8Array, sk: Uint8Array): Mask | undefined {
    return this.get('ru', [ru, sk], () => { const z = tryDecodeGT(ru); return z && this.mask(gt.pow(z, scalar.inv(int(sk)))); });
  }
  /** K7: e(g1, R^P)^{1/x_P} = Z^r. */
  maskFromOwner(rp: Uint8Array, skP: Uint8Array): Mask | undefined {
    return this.get('own', [rp, skP], () => {
      const p = this.rp(rp);
      return p && this.mask(gt.pow(pairKeyRP(keyGroup.base(), p), scalar.inv(int(skP))));
    });
  }
  /** K4: R^U = e(RK, R^P), as bytes like a held R^U. */
  ruFromPairing(rp: Uint8Array, rk: Uint8Array): Uint8Array | undefined {
    return this.get('pair', [rp, rk], () => {
      const p = this.rp(rp), q = this.key(rk);
      return p && q ? encodeGT(pairKeyRP(q, p)) : undefined;
    });
  }
  /** K5: RK = g1^{x_u/x_P} from both secrets. */
  rkFromSecrets(skP: Uint8Array, skU: Uint8Array): Uint8Array {
    return this.get('rk5', [skP, skU], () => encodeKey(keyGroup.mul(scalar.mul(int(skU), scalar.inv(int(skP))))));
  }
  /** K6: RK = pk_u^{1/x_P}. */
  rkFromPublic(pk: Uint8Array, skP: Uint8Array): Uint8Array | undefined {
    return this.get('rk6', [pk, skP], () => { const q = this.key(pk); return q && encodeKey(keyGroup.mulPoint(q, scalar.inv(int(skP)))); });
  }
  /** K8: RK^{1/x_u} = g1^{1/x_P} (proxy and delegatee collude). */
  ginv(rk: Uint8Array, skU: Uint8Array): Uint8Array | undefined {
    return this.get('ginv', [rk, skU], () => { const q = this.key(rk); return q && encodeKey(keyGroup.mulPoint(q, scalar.inv(int(skU)))); });
  }
  /** K9: e(g1^{1/x_P}, R^P) = Z^r. */
  maskFromGinv(rp: Uint8Array, gi: Uint8Array): Mask | undefined {
    return this.get('k9', [rp, gi], () => {
      const p = this.rp(rp), q = this.key(gi);
      return p && q ? this.mask(pairKeyRP(q, p)) : undefined;
    });
  }
  /** K3 attempt: open C with a mask against the binding written in C; undefined if it fails. */
  open(mask: Mask, c: Uint8Array, opener: (m: GT, c: Uint8Array) => Uint8Array | undefined): Uint8Array | undefined {
    const k = 'open:' + mask.key + ':' + hex(c);
    if (this.memo.has(k)) {
      this.hits++;
      return this.memo.get(k) as Uint8Array | undefined;
    }
    this.misses++;
    const v = opener(mask.value, c);
    this.memo.set(k, v);
    return v;
  }
}
