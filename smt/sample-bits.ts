// A formula over the state evaluated on every sampled marking at once (smt/simulate.ts), one bit
// per sample: what `valueOf` gives marking by marking, 32 markings a machine word. The random
// runs of a slice visit tens of thousands of markings and Houdini filters hundreds of candidate
// lemmas against them, which marking by marking was a tenth of a catalogue's time.
import type { Marking } from '../model/marking.js';
import type { Net } from '../model/net.js';
import type { Prop } from '../model/prop.js';

export interface SampleBits {
  /** the formula is true in every sample */
  readonly always: (p: Prop) => boolean;
  /** the formula is true in some sample */
  readonly sometimes: (p: Prop) => boolean;
}

const cache = new WeakMap<readonly Marking[], SampleBits>();

export function sampleBits(net: Net, samples: readonly Marking[]): SampleBits {
  const hit = cache.get(samples);
  if (hit) return hit;
  const S = samples.length, W = Math.ceil(S / 32);
  const tail = S % 32 === 0 ? 0xffffffff : (1 << S % 32) - 1;
  const mask = (w: number) => (w === W - 1 ? tail : 0xffffffff);
  const facts = new Map<string, Uint32Array>();
  const factBits = (f: string): Uint32Array => {
    let bits = facts.get(f);
    if (!bits) {
      bits = new Uint32Array(W);
      const k = net.factIndex.get(f);
      // a fact the net never mentions is false in every marking
      if (k !== undefined) for (let s = 0; s < S; s++) if (samples[s][k >>> 5] & (1 << (k & 31))) bits[s >>> 5] |= 1 << (s & 31);
      facts.set(f, bits);
    }
    return bits;
  };
  const ones = new Uint32Array(W).fill(0xffffffff);
  const zeros = new Uint32Array(W);
  const bitsOf = (p: Prop): Uint32Array => {
    switch (p.t) {
      case 'const': return p.v ? ones : zeros;
      case 'fact': return factBits(p.f);
      case 'not': {
        const a = bitsOf(p.a), out = new Uint32Array(W);
        for (let w = 0; w < W; w++) out[w] = ~a[w];
        return out;
      }
      case 'and': case 'or': {
        const out = new Uint32Array(W).fill(p.t === 'and' ? 0xffffffff : 0);
        for (const x of p.as) {
          const a = bitsOf(x);
          if (p.t === 'and') for (let w = 0; w < W; w++) out[w] &= a[w];
          else for (let w = 0; w < W; w++) out[w] |= a[w];
        }
        return out;
      }
      default: throw new Error(`atom '${p.t}' cannot be evaluated on a state`);
    }
  };
  // Houdini asks `always` of hundreds of thousands of clauses of a few literals: those are read
  // word by word from the facts' own bits, with no array of W words made for each literal and each
  // clause (most of what the filter allocated)
  const literal = (x: Prop): { bits: Uint32Array; neg: boolean } | undefined =>
    x.t === 'fact' ? { bits: factBits(x.f), neg: false } : x.t === 'not' && x.a.t === 'fact' ? { bits: factBits(x.a.f), neg: true } : undefined;
  const clauseAlways = (p: Prop): boolean | undefined => {
    const lits = p.t === 'or' ? p.as.map(literal) : [literal(p)];
    if (lits.some((l) => l === undefined)) return undefined;
    const ls = lits as { bits: Uint32Array; neg: boolean }[];
    for (let w = 0; w < W; w++) {
      let b = 0;
      for (const l of ls) b |= l.neg ? ~l.bits[w] : l.bits[w];
      if (((b & mask(w)) >>> 0) !== (mask(w) >>> 0)) return false;
    }
    return true;
  };
  const out: SampleBits = {
    always: (p) => {
      const fast = clauseAlways(p);
      if (fast !== undefined) return fast;
      const b = bitsOf(p);
      for (let w = 0; w < W; w++) if (((b[w] & mask(w)) >>> 0) !== (mask(w) >>> 0)) return false;
      return true;
    },
    sometimes: (p) => { const b = bitsOf(p); for (let w = 0; w < W; w++) if (b[w] & mask(w)) return true; return false; },
  };
  cache.set(samples, out);
  return out;
}
