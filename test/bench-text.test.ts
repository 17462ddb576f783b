// The bench's printed report: its opening lines name what ran (the packages as installed, with their
// patches; the group backend and the native limit, each with its version) and what a quick run
// leaves out of its worst ratios.
import { describe, expect, it } from 'vitest';
import { reportText } from '../bench/table.js';
import type { BenchReport } from '../bench/types.js';

const spread = (median: number) => ({ min: median, median, max: median });
const report = (quick: boolean): BenchReport => ({
  generatedAt: 'test', quick, clock: 'wall', seed: 'test',
  backend: { name: 'blst', library: 'blst-swig', package: '@chainsafe/blst', version: '0.2.11' },
  limit: { library: '@chainsafe/blst', version: '2.2.0', skToPk: spread(0.00008), pairing: spread(0.0004) },
  machine: {
    cpus: 2, cpuModel: 'test', memoryGiB: 1, platform: 'test', node: 'v20', v8: '11',
    packages: { 'z3-solver': '5.2.0', 'blst-swig': '0.2.11' }, aliases: { 'blst-swig': '@chainsafe/blst' },
    patched: { 'z3-solver': 'patches/z3-solver+5.2.0.patch' }, loadAverage: [0, 0, 0],
  },
  summary: { worstToFloor: { figure: 'fig4', x: 50, ratio: 1.05 }, worstToLimit: { what: 'e(P, Q)', ratio: 1.4 }, verifySeconds: undefined, verifyToFloor: undefined },
  goals: [], points: [], primitives: [], throughput: [], revocation: [], memory: [], elapsed: 1,
} as unknown as BenchReport);

describe('the bench report as printed', () => {
  it('names each package with its patch, the backend and the limit with their versions', () => {
    const head = reportText(report(false)).split('\n').slice(0, 5).join('\n');
    expect(head).toContain('z3-solver 5.2.0 (with patches/z3-solver+5.2.0.patch)');
    expect(head).toMatch(/blst-swig 0\.2\.11(?! \(with)/);
    expect(head).toContain('group backend: blst (@chainsafe/blst 0.2.11); native limit: @chainsafe/blst 2.2.0 ');
  });

  it('says what a quick run leaves out of its worst ratios, and a full run does not', () => {
    expect(reportText(report(true))).toMatch(/A quick run: neither the worker pool nor `sesphr verify` is measured/);
    expect(reportText(report(false))).not.toMatch(/A quick run/);
  });
});
