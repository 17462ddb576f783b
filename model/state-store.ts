// The explorer's set of visited markings: every marking packed as `words` 32-bit words (its fact
// bitset, model/marking.ts) in one growing Uint32Array, found again through an open-addressing
// hash table of indices. No object and no string per state, so millions of markings fit in tens of
// bytes each: the words, four bytes of table (at most half full), and the breadth-first search's
// parent, transition and depth per state.
import type { Marking } from './marking.js';

const EMPTY = -1;

export class MarkingStore {
  /** markings stored, in insertion (breadth-first) order */
  size = 0;
  private data: Uint32Array;
  private table: Int32Array;
  private mask: number;
  /** per state: the state it was first reached from (-1 for M0), the transition index, the depth */
  parent: Int32Array;
  via: Int32Array;
  depth: Uint32Array;

  /** Bytes a state takes at full capacity: its words, two table slots, parent, transition, depth. */
  static bytesPerState(words: number): number {
    return words * 4 + 2 * 4 + 3 * 4;
  }

  /** The most states that fit in `bytes`: a power of two, the capacities the store grows through by
   *  doubling, so a store held to it never grows its arrays past the bound (during the last doubling
   *  the arrays being copied from are held too, half as much again, until they are collected). */
  static statesWithin(words: number, bytes: number): number {
    let n = 1 << 12;
    while (n * 2 * MarkingStore.bytesPerState(words) <= bytes) n *= 2;
    return n;
  }

  constructor(readonly words: number, capacity = 1 << 12) {
    this.data = new Uint32Array(capacity * words);
    this.parent = new Int32Array(capacity);
    this.via = new Int32Array(capacity);
    this.depth = new Uint32Array(capacity);
    this.table = new Int32Array(capacity * 2).fill(EMPTY);
    this.mask = capacity * 2 - 1;
  }

  private hash(m: Uint32Array, off: number): number {
    // FNV-1a over the words, then a murmur finaliser so that nearby bitsets spread over the table
    let h = 0x811c9dc5;
    for (let w = 0; w < this.words; w++) h = Math.imul(h ^ m[off + w], 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private equalAt(idx: number, m: Uint32Array): boolean {
    const base = idx * this.words;
    for (let w = 0; w < this.words; w++) if (this.data[base + w] !== m[w]) return false;
    return true;
  }

  /** The index of marking m, or -1 when it was never stored. */
  indexOf(m: Uint32Array): number {
    for (let slot = this.hash(m, 0) & this.mask; ; slot = (slot + 1) & this.mask) {
      const idx = this.table[slot];
      if (idx === EMPTY) return -1;
      if (this.equalAt(idx, m)) return idx;
    }
  }

  /** Stores m (copied) unless present; returns [index, whether it is new]. */
  add(m: Uint32Array, parent: number, via: number, depth: number): number {
    let slot = this.hash(m, 0) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const idx = this.table[slot];
      if (idx === EMPTY) break;
      if (this.equalAt(idx, m)) return idx;
    }
    const idx = this.size;
    if (idx === this.parent.length) {
      this.grow();
      return this.add(m, parent, via, depth);
    }
    this.data.set(m.subarray(0, this.words), idx * this.words);
    this.parent[idx] = parent;
    this.via[idx] = via;
    this.depth[idx] = depth;
    this.table[slot] = idx;
    this.size++;
    return idx;
  }

  /** Stored marking `idx` as a view into the store (valid until the next add; copy it to keep it). */
  view(idx: number): Marking {
    return this.data.subarray(idx * this.words, (idx + 1) * this.words);
  }

  /** A copy of stored marking `idx`. */
  marking(idx: number): Marking {
    return this.view(idx).slice();
  }

  /** The transition indices of the breadth-first path from M0 to state `idx`. */
  pathTo(idx: number): number[] {
    const path: number[] = [];
    for (let k = idx; k > 0; k = this.parent[k]) path.push(this.via[k]);
    return path.reverse();
  }

  /** Bytes held by the store's arrays. */
  get bytes(): number {
    return this.data.byteLength + this.table.byteLength + this.parent.byteLength + this.via.byteLength + this.depth.byteLength;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const data = new Uint32Array(cap * this.words);
    data.set(this.data);
    this.data = data;
    const resize = <T extends Int32Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.parent = resize(this.parent, (n) => new Int32Array(n));
    this.via = resize(this.via, (n) => new Int32Array(n));
    this.depth = resize(this.depth, (n) => new Uint32Array(n));
    this.table = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    for (let idx = 0; idx < this.size; idx++) {
      let slot = this.hash(this.data, idx * this.words) & this.mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot] = idx;
    }
  }
}
