// Merkle commitments over fixed-size blocks (tpa module): the owner commits to a sealed
// partition C at upload; the cloud proves any block against that root with its sibling path.
// SHA-256, domain-separated: leaf = H(0x00 ‖ u32be index ‖ block), node = H(0x01 ‖ left ‖ right);
// an odd node at a level is carried up unchanged. The root is bound to the block count and byte
// length in the commitment, so a truncated or extended C never verifies.
import { createHash } from 'node:crypto';

/** Block size of the commitment: 4 KiB. */
export const BLOCK_SIZE = 4096;

export interface Commitment {
  /** Merkle root, hex */
  readonly root: string;
  readonly blocks: number;
  readonly bytes: number;
}

export interface BlockProof {
  readonly index: number;
  readonly block: Uint8Array;
  /** sibling hashes from the leaf up; `left` says the sibling is on the left */
  readonly path: ReadonlyArray<{ readonly hash: Uint8Array; readonly left: boolean }>;
}

const h = (...parts: Uint8Array[]) => {
  const x = createHash('sha256');
  for (const p of parts) x.update(p);
  return new Uint8Array(x.digest());
};
const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
};
const LEAF = Uint8Array.of(0), NODE = Uint8Array.of(1);

const blockCount = (bytes: number, size = BLOCK_SIZE) => Math.max(1, Math.ceil(bytes / size));
const blockOf = (c: Uint8Array, k: number, size: number) => c.subarray(k * size, Math.min(c.length, (k + 1) * size));
const leaf = (k: number, block: Uint8Array) => h(LEAF, u32(k), block);

/** Every level of the tree, leaves first (a store keeps this beside C to answer challenges). */
export function levels(c: Uint8Array, size = BLOCK_SIZE): Uint8Array[][] {
  const out: Uint8Array[][] = [Array.from({ length: blockCount(c.length, size) }, (_, k) => leaf(k, blockOf(c, k, size)))];
  while (out[out.length - 1].length > 1) {
    const lv = out[out.length - 1];
    const up: Uint8Array[] = [];
    for (let k = 0; k < lv.length; k += 2) up.push(k + 1 < lv.length ? h(NODE, lv[k], lv[k + 1]) : lv[k]);
    out.push(up);
  }
  return out;
}

export function commit(c: Uint8Array, size = BLOCK_SIZE): Commitment {
  const ls = levels(c, size);
  return { root: Buffer.from(ls[ls.length - 1][0]).toString('hex'), blocks: ls[0].length, bytes: c.length };
}

/** The blocks at `indices` of `c` with their paths (the cloud's answer to a challenge), the paths
 *  taken from `ls` (the tree the store computed when it received C; by default, from `c` now). */
export function prove(c: Uint8Array, indices: readonly number[], ls: Uint8Array[][] = levels(c), size = BLOCK_SIZE): BlockProof[] {
  return indices.map((index) => {
    const path: Array<{ hash: Uint8Array; left: boolean }> = [];
    let k = index;
    for (let d = 0; d < ls.length - 1; d++) {
      const sib = k ^ 1;
      if (sib < ls[d].length) path.push({ hash: ls[d][sib], left: sib < k });
      k >>= 1;
    }
    return { index, block: Uint8Array.from(blockOf(c, index, size)), path };
  });
}

/** Whether `p` proves block `index` of the committed C (index, block length and path all checked). */
export function verifyProof(com: Commitment, index: number, p: BlockProof, size = BLOCK_SIZE): boolean {
  if (p.index !== index || index < 0 || index >= com.blocks) return false;
  const want = index < com.blocks - 1 ? size : com.bytes - size * (com.blocks - 1);
  if (p.block.length !== want) return false;
  let x = leaf(index, p.block);
  // the path must have exactly the shape the tree of com.blocks leaves gives this index
  let k = index, n = com.blocks, used = 0;
  while (n > 1) {
    const sib = k ^ 1;
    if (sib < n) {
      const s = p.path[used++];
      if (!s || s.left !== sib < k || s.hash.length !== 32) return false;
      x = s.left ? h(NODE, s.hash, x) : h(NODE, x, s.hash);
    }
    k >>= 1;
    n = Math.ceil(n / 2);
  }
  return used === p.path.length && Buffer.from(x).toString('hex') === com.root;
}
