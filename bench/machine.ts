// What a benchmark ran on: recorded beside every figure so numbers are never read without it.
import { readFileSync } from 'node:fs';
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

const root = new URL('../', import.meta.url);

/** Installed version from node_modules (packages with an exports map hide their package.json). */
function versionOf(pkg: string): string {
  try {
    const path = new URL(`node_modules/${pkg}/package.json`, root);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
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
    packages: Object.fromEntries(['@noble/curves', '@noble/hashes', 'typescript'].map((p) => [p, versionOf(p)])),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
