import { createCipheriv } from 'node:crypto';
import { createRequire } from 'node:module';
const koffi = createRequire(import.meta.url)('koffi');
import { deterministicRandom } from '../impl/index.js';
import { setClock, now, median } from './timing.js';
const lib = koffi.load(null);
const ctxNew = lib.func('void *EVP_CIPHER_CTX_new()');
const ctxReset = lib.func('int EVP_CIPHER_CTX_reset(void *ctx)');
const aes = lib.func('void *EVP_aes_256_gcm()')();
const encInit = lib.func('int EVP_EncryptInit_ex(void *ctx, void *cipher, void *engine, const uint8_t *key, const uint8_t *iv)');
const encUpdate = lib.func('int EVP_EncryptUpdate(void *ctx, uint8_t *out, _Out_ int *outl, const uint8_t *in, int inl)');
const encFinal = lib.func('int EVP_EncryptFinal_ex(void *ctx, uint8_t *out, _Out_ int *outl)');
const ctrl = lib.func('int EVP_CIPHER_CTX_ctrl(void *ctx, int type, int arg, uint8_t *ptr)');
const ctx = ctxNew();
const outl = [0];
function seal(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const out = new Uint8Array(Buffer.allocUnsafeSlow(aad.length + 12 + pt.length + 16).buffer);
  out.set(aad, 0); out.set(iv, aad.length);
  if (encInit(ctx, aes, null, key, iv) !== 1) throw new Error('init');
  if (encUpdate(ctx, null, outl, aad, aad.length) !== 1) throw new Error('aad');
  const at = aad.length + 12;
  if (encUpdate(ctx, out.subarray(at), outl, pt, pt.length) !== 1) throw new Error('upd');
  const n = outl[0];
  encFinal(ctx, out.subarray(at + n), outl);
  ctrl(ctx, 0x10, 16, out.subarray(at + n + outl[0]));
  ctxReset(ctx);
  return out;
}
function sealNode(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, iv); c.setAAD(aad);
  const out = new Uint8Array(Buffer.allocUnsafeSlow(aad.length + 12 + pt.length + 16).buffer);
  out.set(aad, 0); out.set(iv, aad.length);
  const ct = c.update(pt); out.set(ct, aad.length + 12); c.final(); out.set(c.getAuthTag(), aad.length + 12 + ct.length);
  return out;
}
const rng = deterministicRandom('x');
const kb = Number(process.argv[2] ?? 1);
const p = rng.bytes(kb * 1024), key = rng.bytes(32), iv = rng.bytes(12), aad = rng.bytes(80);
const a = seal(key, iv, aad, p), b = sealNode(key, iv, aad, p);
console.log('same', Buffer.from(a).equals(Buffer.from(b)));
setClock('wall');
const T: Record<string, number[]> = {};
const keep: unknown[] = [];
const t = (n: string, f: () => unknown) => { const t0 = now(); keep.push(f()); (T[n] ??= []).push((now() - t0) * 1e6); };
for (let i = 0; i < 1000; i++) { t('evp', () => seal(key, iv, aad, p)); t('node', () => sealNode(key, iv, aad, p)); if (keep.length > 40) keep.length = 0; }
for (const [k, v] of Object.entries(T)) console.log(k.padEnd(8), median(v.slice(100)).toFixed(2));
