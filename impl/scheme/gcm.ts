// AES-256-GCM written straight into the buffer the caller gives it.
//
// C puts its header first (binding.ts), so the ciphertext belongs in the middle of a buffer made
// for the whole of C, and a plaintext belongs in a buffer of its own. Node's cipher cannot write
// into a buffer it is given: every update returns a new one, which then has to be copied into
// place and freed (release.ts). That second buffer and the copy were most of what sealing cost
// beyond AES-GCM itself (bench/README.md, "AES-GCM in place").
//
// The OpenSSL inside the node binary can. Its EVP interface takes an output pointer, and node
// exports those symbols for native addons, so koffi (already the project's way into native z3)
// reaches them with dlopen(NULL): the same library, the same AES-NI code as node's cipher, the
// same bytes (test/impl-gcm.test.ts compares the two paths), with no buffer of its own.
//
// Which path runs: SESPHR_AES=node forces node's cipher, SESPHR_AES=evp requires OpenSSL's EVP
// (an error naming what is missing if it cannot be reached); unset, EVP when reachable, else
// node's cipher. Both keep no key material after a call: the EVP context is reset (OpenSSL
// cleanses the key schedule) after every seal and open, and node's cipher frees its own.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { createRequire } from 'node:module';
import { NONCE_BYTES, TAG_BYTES } from './binding.js';
import { releaseNow } from './release.js';

/** AES-256's key; the nonce and the tag are C's (binding.ts), which are GCM's */
export const AES_KEY_BYTES = 32;

export interface Gcm {
  /** what runs: OpenSSL's EVP interface in place, or node's cipher with a copy */
  readonly name: 'openssl-evp' | 'node-cipher';
  /** Writes AES-256-GCM(key, nonce, aad, plaintext) into out: the ciphertext from `at`, its 16-byte tag right after it. */
  sealInto(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, out: Uint8Array, at: number): void;
  /** The plaintext in a buffer of its own, or false when the tag does not authenticate aad and ciphertext (nothing of the plaintext is returned then). */
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array, tag: Uint8Array): Uint8Array | false;
}

/**
 * A buffer left uninitialised: zero-filling it cost ~0.1 ms per 512 KB, some 8% of encrypting
 * 2 MB (bench/README.md). Each caller writes every byte before returning it, and checks that the
 * cipher did (`wrote`): a byte left unwritten would carry old memory of the process out in C.
 */
export function uninitialised(n: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(n);
  return new Uint8Array(b.buffer, b.byteOffset, n);
}

/** Throws unless the cipher wrote exactly `want` bytes (it ended at `at`, having started at `from`). */
function wrote(from: number, at: number, want: number): void {
  if (at - from !== want) throw new Error(`AES-GCM wrote ${at - from} of ${want} bytes`);
}

// ---- node's cipher ---------------------------------------------------------------------------

/** Node's cipher streams in slices of this size, each copied into place and freed at once
 *  (release.ts): no whole-size intermediate buffer and no slices waiting for the collector. */
const SLICE = 1 << 18;

/** Runs `update` over `input` slice by slice, writing the output into `out` from `at`. */
function streamInto(update: (b: Uint8Array) => Buffer, input: Uint8Array, out: Uint8Array, at: number): number {
  for (let i = 0; i < input.length; i += SLICE) {
    const chunk = update(input.subarray(i, Math.min(input.length, i + SLICE)));
    out.set(chunk, at);
    at += chunk.length;
    releaseNow(chunk);
  }
  return at;
}

const nodeCipher: Gcm = {
  name: 'node-cipher',
  sealInto(key, nonce, aad, plaintext, out, from) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(aad);
    let at = streamInto((x) => cipher.update(x), plaintext, out, from);
    const last = cipher.final(); // empty for GCM, kept for form
    out.set(last, at);
    at += last.length;
    wrote(from, at, plaintext.length);
    out.set(cipher.getAuthTag(), at);
  },
  open(key, nonce, aad, ct, tag) {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(aad);
    d.setAuthTag(tag);
    const out = uninitialised(ct.length);
    let at = streamInto((x) => d.update(x), ct, out, 0);
    try {
      const last = d.final(); // throws unless the tag authenticates aad and ciphertext
      out.set(last, at);
      at += last.length;
    } catch {
      out.fill(0);
      return false;
    }
    wrote(0, at, ct.length);
    return out;
  },
};

// ---- OpenSSL's EVP interface -----------------------------------------------------------------

type Fn = (...args: unknown[]) => unknown;
interface EvpLib { func(signature: string): Fn }

/** EVP_CIPHER_CTX_ctrl's GCM commands (openssl/evp.h) */
const EVP_CTRL_GCM_GET_TAG = 0x10;
const EVP_CTRL_GCM_SET_TAG = 0x11;
/** EVP's lengths are C ints: longer inputs go in pieces of this many bytes */
const PIECE = 1 << 30;

function evpCipher(lib: EvpLib): Gcm {
  const ctxNew = lib.func('void *EVP_CIPHER_CTX_new()');
  const reset = lib.func('int EVP_CIPHER_CTX_reset(void *ctx)');
  const ctrl = lib.func('int EVP_CIPHER_CTX_ctrl(void *ctx, int type, int arg, uint8_t *ptr)');
  const encInit = lib.func('int EVP_EncryptInit_ex(void *ctx, void *cipher, void *engine, const uint8_t *key, const uint8_t *iv)');
  const encUpdate = lib.func('int EVP_EncryptUpdate(void *ctx, uint8_t *out, _Out_ int *outl, const uint8_t *in, int inl)');
  const encFinal = lib.func('int EVP_EncryptFinal_ex(void *ctx, uint8_t *out, _Out_ int *outl)');
  const decInit = lib.func('int EVP_DecryptInit_ex(void *ctx, void *cipher, void *engine, const uint8_t *key, const uint8_t *iv)');
  const decUpdate = lib.func('int EVP_DecryptUpdate(void *ctx, uint8_t *out, _Out_ int *outl, const uint8_t *in, int inl)');
  const decFinal = lib.func('int EVP_DecryptFinal_ex(void *ctx, uint8_t *out, _Out_ int *outl)');
  // OpenSSL 3 fetches the implementation on every init given EVP_aes_256_gcm(); one explicit fetch, kept, saves it
  const fetch = lib.func('void *EVP_CIPHER_fetch(void *libctx, const char *algorithm, const char *properties)');
  const cipher = fetch(null, 'AES-256-GCM', null);
  const ctx = ctxNew();
  if (!cipher || !ctx) throw new Error('OpenSSL has no AES-256-GCM here');
  const n = [0];
  const ok = (r: unknown, what: string) => {
    if (r !== 1) throw new Error(`AES-GCM: OpenSSL's ${what} failed`);
  };
  /** `update` over `input` in pieces EVP's int lengths can hold, into out from `at` (or AAD only, out null) */
  const run = (update: Fn, input: Uint8Array, out: Uint8Array | null, at: number, what: string): number => {
    for (let i = 0; i < input.length; i += PIECE) {
      const piece = input.subarray(i, Math.min(input.length, i + PIECE));
      ok(update(ctx, out && out.subarray(at), n, piece, piece.length), what);
      at += n[0]!;
    }
    return at;
  };
  const checkKey = (key: Uint8Array, nonce: Uint8Array) => {
    // EVP reads exactly these lengths from the pointers it is given: check them here
    if (key.length !== AES_KEY_BYTES || nonce.length !== NONCE_BYTES) throw new Error(`AES-GCM: a ${AES_KEY_BYTES}-byte key and a ${NONCE_BYTES}-byte nonce expected`);
  };
  return {
    name: 'openssl-evp',
    sealInto(key, nonce, aad, plaintext, out, from) {
      checkKey(key, nonce);
      if (out.length - from < plaintext.length + TAG_BYTES) throw new Error('AES-GCM: the output buffer is too short');
      try {
        ok(encInit(ctx, cipher, null, key, nonce), 'EncryptInit');
        run(encUpdate, aad, null, 0, 'EncryptUpdate (AAD)');
        let at = run(encUpdate, plaintext, out, from, 'EncryptUpdate');
        ok(encFinal(ctx, out.subarray(at), n), 'EncryptFinal');
        at += n[0]!;
        wrote(from, at, plaintext.length);
        ok(ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, out.subarray(at, at + TAG_BYTES)), 'GET_TAG');
      } finally {
        reset(ctx);
      }
    },
    open(key, nonce, aad, ct, tag) {
      checkKey(key, nonce);
      if (tag.length !== TAG_BYTES) return false;
      const out = uninitialised(ct.length);
      let authentic = false;
      try {
        ok(decInit(ctx, cipher, null, key, nonce), 'DecryptInit');
        run(decUpdate, aad, null, 0, 'DecryptUpdate (AAD)');
        const at = run(decUpdate, ct, out, 0, 'DecryptUpdate');
        ok(ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES, tag), 'SET_TAG');
        // 1 only when the tag authenticates aad and ciphertext
        authentic = decFinal(ctx, out.subarray(at), n) === 1;
        if (authentic) wrote(0, at + n[0]!, ct.length);
      } finally {
        reset(ctx);
        if (!authentic) out.fill(0);
      }
      return authentic && out;
    },
  };
}

let evpLoaded: Gcm | string | undefined;

/** OpenSSL's EVP in this process (one context per thread, made once), or why it cannot be reached. */
function loadEvp(): Gcm | string {
  if (evpLoaded === undefined) {
    try {
      const koffi = createRequire(import.meta.url)('koffi') as { load(path: string | null): EvpLib };
      evpLoaded = evpCipher(koffi.load(null));
    } catch (e) {
      evpLoaded = (e as Error).message.split('\n')[0]!;
    }
  }
  return evpLoaded;
}

/**
 * The AES-GCM for a value of SESPHR_AES: 'node' node's cipher, 'evp' OpenSSL's EVP or an error
 * saying why it cannot be reached, unset or empty EVP when reachable, else node's cipher.
 */
export function gcmFor(want: string | undefined): Gcm {
  if (want === 'node') return nodeCipher;
  if (want !== undefined && want !== '' && want !== 'evp') throw new Error(`SESPHR_AES must be "evp" or "node", not "${want}"`);
  const evp = loadEvp();
  if (typeof evp !== 'string') return evp;
  if (want === 'evp') throw new Error(`SESPHR_AES=evp, but OpenSSL's EVP interface cannot be reached in this node (${evp})`);
  return nodeCipher;
}

let chosen: Gcm | undefined;

/** The AES-GCM of this thread (see the head of this file), chosen once. */
export function gcm(): Gcm {
  return (chosen ??= gcmFor(process.env.SESPHR_AES));
}
