// `sesphr demo`: the paper's running example end to end with real BLS12-381 and AES-GCM bytes,
// once per backward-access policy, as a table (or JSON) of party x file x partition -> outcome.
import type { Command } from 'commander';
import { POLICIES, VARIANTS, type Policy, type Variant } from '../../impl/parties/access.js';
import { runDemo, type DemoRow } from '../../impl/tools/demo.js';
import { BACKEND_HELP, selectBackend } from '../options.js';
import { AuditLog } from '../../impl/modules/audit.js';
import { UsageError } from '../options.js';
import { checkOutputFile } from '../paths.js';

interface MergedRow {
  step: string;
  party: string;
  role: string;
  file: string;
  partition: string;
  outcomes: Record<Policy, { outcome: DemoRow['outcome']; code?: string; detail: string }>;
}

/**
 * Runs the demo under both policies and lines the two runs up row by row (same event order).
 * With `audit`, both runs' SRSs append to that one log: the second continues the chain (its
 * `srs-start` entry marks the restart), as an SRS restarted on the same file does.
 */
export function demoRows(variant: Variant, audit?: string): MergedRow[] {
  const runs = POLICIES.map((p) => [p, runDemo(variant, p, audit === undefined ? undefined : AuditLog.open(audit))] as const);
  const [, first] = runs[0]!;
  return first.map((r, n) => ({
    step: r.step,
    party: r.party,
    role: r.role,
    file: r.file,
    partition: r.partition,
    outcomes: Object.fromEntries(runs.map(([p, rows]) => [p, { outcome: rows[n]!.outcome, code: rows[n]!.code, detail: rows[n]!.detail }])) as MergedRow['outcomes'],
  }));
}

/** What each refusal code in the table means (the JSON carries every row's own reason). */
const MEANING: Record<string, string> = {
  NOT_GRANTED: "the ACL does not grant this partition to the user (role default plus the owner's grants)",
  REVOKED: 'the owner revoked the user; the SRS deleted its keys, RK and ACL entries',
  OTHER_OWNER: "the user belongs to another patient's circle",
  BEFORE_JOIN: 'uploaded before the user joined, and the policy is from-join-date',
};

function legend(rows: MergedRow[]): string {
  const codes = new Map<string, string>();
  for (const r of rows) for (const o of Object.values(r.outcomes)) if (o.code && !codes.has(o.code)) codes.set(o.code, MEANING[o.code] ?? o.detail);
  return ['', 'refusals:', ...[...codes].map(([c, m]) => `  ${c}: ${m}`)].join('\n');
}

function table(rows: MergedRow[]): string {
  const cell = (o: MergedRow['outcomes'][Policy]) => (o.outcome === 'read' ? 'read' : `refused (${o.code})`);
  const head = ['party', 'file', 'partition', ...POLICIES];
  const body = rows.map((r) => [`${r.party} (${r.role})`, r.file, r.partition, ...POLICIES.map((p) => cell(r.outcomes[p]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out: string[] = [];
  let step = '';
  for (const [n, b] of body.entries()) {
    if (rows[n]!.step !== step) {
      step = rows[n]!.step;
      out.push('', `== ${step}`, line(head), line(widths.map((w) => '-'.repeat(w))));
    }
    out.push(line(b));
  }
  return out.join('\n');
}

export function register(program: Command): void {
  program
    .command('demo')
    .description("run the paper's running example with real bytes and print who read what")
    .option('--json', 'print the outcomes as JSON')
    .option('--variant <variant>', `key management: ${VARIANTS.join(' | ')}`, 'srs-keys')
    .option('--audit <file>', 'the SRS keeps its hash-chained audit log in this new file; check it with `sesphr audit verify FILE`')
    .option('--backend <name>', BACKEND_HELP)
    .action(async (opts: { json?: boolean; variant: string; audit?: string; backend?: string }) => {
      if (!VARIANTS.includes(opts.variant as Variant))
        throw new UsageError(`--variant '${opts.variant}' is not one of: ${VARIANTS.join(', ')}`);
      // A new file only: the log of this run alone, and never someone's log extended by mistake.
      if (opts.audit !== undefined) checkOutputFile('--audit', opts.audit, false);
      const backend = await selectBackend(opts.backend);
      const variant = opts.variant as Variant;
      const rows = demoRows(variant, opts.audit);
      if (opts.json) {
        const audit = opts.audit === undefined ? undefined : { file: opts.audit, ...AuditLog.open(opts.audit).head() };
        process.stdout.write(JSON.stringify({ variant, backend, policies: POLICIES, rows, ...(audit && { audit }) }, null, 2) + '\n');
        return;
      }
      process.stdout.write(`SeSPHR demo: owner "patient", variant ${variant}, group backend ${backend}; outcome per backward-access policy\n`);
      process.stdout.write(`(no keys, R values or plaintext are printed; reads are checked equal to the upload)\n`);
      process.stdout.write(table(rows) + '\n' + legend(rows) + '\n');
      if (opts.audit !== undefined) {
        const head = AuditLog.open(opts.audit).head();
        process.stdout.write(`\naudit log: ${opts.audit}, ${head.entries} entries, head ${head.entries}:${head.hash}\ncheck it with: sesphr audit verify ${opts.audit} --anchor ${head.entries}:${head.hash}\n`);
      }
    });
}
