// A first-order formula of the reading evaluated on a marking of a finite net: quantifiers range
// over the universe's principals, files and partitions, relations read the marking's facts, the
// rigid relations read the universe. The tests use it to check the reading against the ground net
// (properties read both ways agree; every proved invariant holds on every reachable marking).
import { type Marking, has } from '../../model/marking.js';
import type { Net } from '../../model/net.js';
import { defaultAccessOf, isPatient, joiners, ownerOf, outsiders, partitionsOf, patientIds, principals, severalPatients } from '../../model/universe.js';
import { onePatient } from './symbolic.js';
import { type F, factOf, termId } from './fo.js';
import type { FoSort } from './symbolic.js';

/**
 * `env` binds the formula's free terms; by default the one-patient reading's owner P. A formula of
 * the patient-sorted reading (a net of several patients) reads own(p) as p's id, Patient as the
 * patients and the rigid relations per patient.
 */
export function evalF(f: F, net: Net, m: Marking, env: ReadonlyMap<string, string> = severalPatients(net.U) ? new Map() : new Map([['P', onePatient(net.U)]])): boolean {
  const U = net.U;
  const val = (t: string) => env.get(termId(t)) ?? termId(t);
  const several = severalPatients(U);
  switch (f.t) {
    case 'const': return f.v;
    case 'eq': return val(f.a) === val(f.b);
    case 'atom': {
      const args = f.args.map(val);
      if (several) {
        if (f.rel === 'Joiner') return joiners(U, args[0]).includes(args[1]);
        if (f.rel === 'Outsider') return outsiders(U, args[0]).includes(args[1]);
        if (f.rel === 'IsOwner') return isPatient(U, args[0]);
        if (f.rel === 'FileOf') return ownerOf(U, args[0]) === args[1];
        if (f.rel === 'PartOf') return partitionsOf(U, args[0]).includes(args[1]);
        if (f.rel === 'Default') return defaultAccessOf(U, args[1], args[0]).includes(args[2]);
      }
      if (f.rel === 'Joiner') return joiners(U, onePatient(U)).includes(args[0]);
      if (f.rel === 'Outsider') return outsiders(U, onePatient(U)).includes(args[0]);
      if (f.rel === 'Default') return defaultAccessOf(U, args[0], onePatient(U)).includes(args[1]);
      if (f.next) throw new Error('evalF reads one marking: no primed atoms');
      return has(net, m, factOf(f.rel, args));
    }
    case 'not': return !evalF(f.a, net, m, env);
    case 'and': return f.as.every((a) => evalF(a, net, m, env));
    case 'or': return f.as.some((a) => evalF(a, net, m, env));
    case 'q': {
      const dom = (s: FoSort) => (s === 'Prin' ? principals(U) : s === 'Patient' ? patientIds(U) : s === 'File' ? [...U.files] : [...U.partitions]);
      const go = (k: number, e: Map<string, string>): boolean => {
        if (k === f.vars.length) return evalF(f.body, net, m, e);
        const [v, s] = f.vars[k];
        const each = (x: string) => go(k + 1, new Map(e).set(v, x));
        return f.q === 'forall' ? dom(s).every(each) : dom(s).some(each);
      };
      return go(0, new Map(env));
    }
  }
}
