// Formulas printed as SMT-LIB2 terms: clauses take a short path, and must print exactly as the
// general walk prints them (the .smt2 files, and the answers stored for their commands, depend on it).
import { describe, expect, it } from 'vitest';
import { type Prop, and, fact, not, or } from '../model/prop.js';
import { toSmt } from '../smt/term.js';

const at0 = { fact: (f: string) => `|${f}@0|` };

describe('toSmt', () => {
  it('prints literals, clauses and cubes as the walk does', () => {
    expect(toSmt(fact('a'), at0)).toBe('|a@0|');
    expect(toSmt(not(fact('a')), at0)).toBe('(not |a@0|)');
    expect(toSmt(or(fact('a'), not(fact('b'))), at0)).toBe('(or |a@0| (not |b@0|))');
    expect(toSmt(and(not(fact('a')), fact('b'), fact('c')), at0)).toBe('(and (not |a@0|) |b@0| |c@0|)');
    expect(toSmt({ t: 'or', as: [] }, at0)).toBe('(or )');
    expect(toSmt({ t: 'const', v: true }, at0)).toBe('true');
    expect(toSmt({ t: 'not', a: { t: 'const', v: false } }, at0)).toBe('(not false)');
  });

  it('binds a negation shared by one clause with a let, as the walk does for any shared node', () => {
    const na = not(fact('a'));
    const shared: Prop = { t: 'or', as: [na, fact('b'), na] };
    expect(toSmt(shared, at0)).toBe('(let ((t0 (not |a@0|))) (or t0 |b@0| t0))');
    // the same literals as distinct objects are not shared
    expect(toSmt({ t: 'or', as: [not(fact('a')), fact('b'), not(fact('a'))] }, at0)).toBe('(or (not |a@0|) |b@0| (not |a@0|))');
  });

  it('walks deeper formulas, sharing what repeats', () => {
    const ab = and(fact('a'), fact('b'));
    expect(toSmt(or(ab, not(ab)), at0)).toBe('(let ((t0 (and |a@0| |b@0|))) (or t0 (not t0)))');
    expect(toSmt(or(and(fact('a'), fact('b')), fact('c')), at0)).toBe('(or (and |a@0| |b@0|) |c@0|)');
  });

  it('refuses an unfolded atom on either path', () => {
    const knows = { t: 'knows', parties: ['cloud'], token: 'k' } as unknown as Prop;
    expect(() => toSmt(knows, at0)).toThrow(/unfolded 'knows' atom/);
    expect(() => toSmt(or(fact('a'), knows), at0)).toThrow(/unfolded 'knows' atom/);
  });
});
