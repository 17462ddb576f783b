// What a benchmark ran on: recorded beside every figure so numbers are never read without it.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  v8: string;
  packages: Record<string, string>;
  loadAverage: number[];
}

/**
 * Installed version, read from node_modules/PKG/package.json in the nearest directory upwards that
 * has it (the bench runs from bench/ under ts-node and from dist/bench/ compiled; packages with an
 * exports map hide their package.json from require.resolve).
 */
export function versionOf(pkg: string): string {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const path = new URL(`node_modules/${pkg}/package.json`, dir);
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
    if (dir.pathname === '/') return 'not installed';
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    packages: Object.fromEntries(['@noble/curves', 'mcl-wasm', 'blst-swig', '@chainsafe/blst', '@noble/hashes', 'z3-solver', 'koffi', 'typescript'].map((p) => [p, versionOf(p)])),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
