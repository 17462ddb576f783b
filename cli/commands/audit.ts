// `sesphr audit verify LOG`: checks an SRS audit log's hash chain (impl/modules/audit.ts). Prints OK with
// the entry count and head, or the first bad entry (line and what is wrong). Exit 0: intact;
// 1: the log was changed (or torn); 2: the input could not be read or the options are wrong.
import type { Command } from 'commander';
import { AuditReadError, verifyLog, type AuditHead } from '../../impl/modules/audit.js';
import { UsageError } from '../options.js';
import { checkInputFile } from '../paths.js';

function parseAnchor(v: string): AuditHead {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(v);
  if (!m) throw new UsageError(`--anchor '${v.slice(0, 80)}' is not ENTRIES:HASH (a whole number, a colon, 64 hex digits)`);
  return { entries: Number(m[1]), hash: m[2] };
}

export function register(program: Command): void {
  const audit = program.command('audit').description('the audit module: check an SRS audit log');
  audit
    .command('verify')
    .description('verify the hash chain of an audit log (JSON lines); names the first modified, removed, reordered, inserted or torn entry')
    .argument('<log>', 'the audit log file')
    .option('--anchor <entries:hash>', 'a head published earlier (entry count and last hash): also detects entries removed from the end')
    .option('--json', 'print the result as JSON')
    .action((log: string, o: { anchor?: string; json?: boolean }) => {
      const anchor = o.anchor === undefined ? undefined : parseAnchor(o.anchor);
      let r;
      try {
        r = verifyLog(checkInputFile('audit log', log), anchor);
      } catch (e) {
        if (e instanceof AuditReadError) throw new UsageError(e.message);
        throw e;
      }
      if (o.json) process.stdout.write(JSON.stringify({ log, ...r }) + '\n');
      else if (r.ok) console.log(`OK ${log}: ${r.entries} entries, chain intact${anchor ? ', anchor matches' : ''}; head ${r.entries}:${r.head}`);
      else console.log(`BAD ${log}: line ${r.line}: ${r.problem} (${r.entries} valid entries before it)`);
      if (!r.ok) process.exitCode = 1;
    });
}
