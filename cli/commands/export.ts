// `sesphr export`: the net as PNML, DOT, SVG, or the derived XState machine as JSON.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { toDot, renderSvg } from '../../model/export/dot.js';
import { toMachineJson } from '../../model/export/machine-json.js';
import { toPnml } from '../../model/export/pnml.js';
import { buildNet } from '../../model/net.js';
import { CHOICES, UsageError, configurations, parseModules, parsePolicy, parseProfile, parseUniverse, parseVariant } from '../options.js';
import { writeFileAtomic } from '../../output/atomic-file.js';
import { checkOutputDir } from '../paths.js';

const FORMATS = ['pnml', 'dot', 'svg', 'xstate'] as const;

export function register(program: Command): void {
  program
    .command('export')
    .description('write the net as PNML, Graphviz DOT, SVG, or the XState machine as JSON')
    .option('--format <list>', `comma-separated: ${FORMATS.join(',')}`, FORMATS.join(','))
    .option('--out <dir>', 'output directory', 'reports/net')
    .option('--universe <name>', 'a shipped universe or a universe file', 'paper')
    .option('--profile <name>', CHOICES.profile, 'paper')
    .option('--variant <name>', CHOICES.variant, 'srs-keys')
    .option('--policy <name>', CHOICES.policy, 'history')
    .option('--modules <list>', `${CHOICES.modules} (default: none)`)
    .action(async (o) => {
      const formats = String(o.format).split(',').map((s) => s.trim());
      for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format '${f}' is not one of: ${FORMATS.join(', ')}`);
      const modules = o.modules !== undefined ? parseModules(o.modules) : [];
      // One configuration, checked as every command checks one (an invalid one is bad input, exit 2).
      const [cfg] = configurations([parseProfile(o.profile)], parseVariant(o.variant), parsePolicy(o.policy), modules);
      const U = parseUniverse(o.universe);
      checkOutputDir('--out', o.out);
      const net = buildNet(U, cfg);
      mkdirSync(o.out, { recursive: true });
      const base = `sesphr-${net.U.name}-${net.cfg.profile}${modules.map((m) => `-${m}`).join('')}`;
      for (const f of formats) {
        const [file, data] =
          f === 'pnml' ? [`${base}.pnml`, toPnml(net)]
          : f === 'dot' ? [`${base}.dot`, toDot(net)]
          : f === 'svg' ? [`${base}.svg`, await renderSvg(toDot(net))]
          : [`${base}.xstate.json`, toMachineJson(net)];
        writeFileAtomic(join(o.out, file), data);
        console.log(`wrote ${join(o.out, file)}`);
      }
    });
}
