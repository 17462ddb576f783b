// `sesphr explore`: the explicit-state explorer's figures and property results.
import type { Command } from 'commander';
import { configName } from '../../model/config.js';
import { DEFAULT_MAX_STATES, explore, storeBoundText, type ExploreResult } from '../../model/explore.js';
import { buildNet } from '../../model/net.js';
import { propertiesFor } from '../../model/properties.js';
import { CHOICES, LIMITS, configurations, parseIntIn, parseModules, parsePolicy, parseProfile, parseUniverse, parseVariant } from '../options.js';
import { progress } from '../progress.js';
import { shippedUniverses } from '../../universes/index.js';

const verdictText = (v: ExploreResult['verdicts'][number]['verdict']) =>
  'trace' in v ? `${v.kind} (trace of ${v.trace.steps.length} steps)` : v.kind;

export function register(program: Command): void {
  program
    .command('explore')
    .description('breadth-first search over the reachable markings; checks every catalogue property the profile has')
    .option('--universe <name>', `a shipped universe (${shippedUniverses().join(', ')}) or a universe file`, 'small')
    .option('--profile <name>', CHOICES.profile, 'extended')
    .option('--variant <name>', `${CHOICES.variant} (default: both)`)
    .option('--policy <name>', `${CHOICES.policy} (default: both)`)
    .option('--modules <list>', `${CHOICES.modules} (default: none)`)
    .option('--max-states <n>', `stop adding states beyond this many (${LIMITS.maxStates.min} to ${LIMITS.maxStates.max})`, String(DEFAULT_MAX_STATES))
    .option('--max-depth <n>', `stop expanding beyond this breadth-first depth (${LIMITS.maxDepth.min} to ${LIMITS.maxDepth.max})`)
    .option('--json', 'print JSON instead of tables')
    .action((o) => {
      const U = parseUniverse(o.universe);
      const profile = parseProfile(o.profile);
      const cfgs = configurations([profile], o.variant !== undefined ? parseVariant(o.variant) : undefined, o.policy !== undefined ? parsePolicy(o.policy) : undefined, o.modules !== undefined ? parseModules(o.modules) : []);
      const bounds = { maxStates: parseIntIn('--max-states', o.maxStates, LIMITS.maxStates), maxDepth: o.maxDepth !== undefined ? parseIntIn('--max-depth', o.maxDepth, LIMITS.maxDepth) : undefined };
      const runs = cfgs.map((cfg, n) => {
        const net = buildNet(U, cfg);
        // The search's end is unknown: the bar's total is the states found so far, capped by the bound.
        const bar = progress(`explore ${n + 1}/${cfgs.length} ${configName(cfg)}`, 1, 'states expanded');
        const r = explore(net, propertiesFor(cfg, U), { ...bounds, onProgress: (expanded, found, depth) => {
          bar.setTotal(Math.min(found, bounds.maxStates));
          bar.update(expanded, `(depth ${depth})`);
        } });
        bar.stop();
        return { universe: U.name, ...cfg, transitions: net.transitions.length, facts: net.facts.length, bounds, ...r };
      });
      if (o.json) {
        process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
        return;
      }
      for (const r of runs) {
        console.log(`\n${r.universe} / ${configName(r).replaceAll('/', ' / ')}: ${r.transitions} ground transitions, ${r.facts} facts`);
        console.log(`  states ${r.states}, edges ${r.edges}, deadlocks ${r.deadlocks}, depth ${r.depth}, ${r.seconds.toFixed(2)} s, store ${(r.storeBytes / 2 ** 20).toFixed(1)} MiB`);
        const cut = r.cutBy === 'memory' ? `the memory bound (${r.states} markings of ${r.facts} facts, at most ${storeBoundText(r)} stored)` : `${r.cutBy} bound (max states ${bounds.maxStates}${bounds.maxDepth ? `, max depth ${bounds.maxDepth}` : ''})`;
        console.log(r.complete ? '  search: exhaustive (every reachable marking visited)' : `  search: CUT by ${cut}: verdicts hold only within it`);
        const never = Object.entries(r.guardOutcomes).filter(([, g]) => !g.enabled).map(([id]) => id);
        const shown = never.slice(0, 12).join(', ') + (never.length > 12 ? `, ... (${never.length - 12} more; --json lists all)` : '');
        console.log(`  ground transitions never enabled: ${never.length ? `${never.length}: ${shown}` : 'none'}`);
        const w = Math.max(...r.verdicts.map((v) => v.id.length));
        for (const v of r.verdicts) console.log(`    ${v.id.padEnd(w)}  ${verdictText(v.verdict)}`);
      }
    });
}
