#!/usr/bin/env node
// The `sesphr` command: one front for the model, the verifier, the implementation and reports.
// Each subcommand lives in its own module under cli/commands and is registered here.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { register as registerDemo } from './commands/demo.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerExplore } from './commands/explore.js';
import { register as registerExport } from './commands/export.js';
import { register as registerConform } from './commands/conform.js';
import { register as registerReproduce } from './commands/reproduce.js';
import { register as registerScenario } from './commands/scenario.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerClient } from './commands/client.js';
import { UsageError } from './options.js';

export const program = new Command();
program
  .name('sesphr')
  .description('SeSPHR verification workbench: model, SMT verification, real crypto, conformance')
  // Commander's own usage errors (a missing argument, an unknown option or command) throw instead
  // of exiting with 1, so every kind of bad input exits 2; subcommands inherit these settings.
  // Each is one line, with where to find the usage, never the whole help.
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`sesphr: ${text.trim().replace(/^error: /, '').split('\n')[0]} (see --help)\n`) });
registerDemo(program);
registerVerify(program);
registerExplore(program);
registerExport(program);
registerConform(program);
registerScenario(program);
registerReproduce(program);
registerAudit(program);
registerServe(program);
registerClient(program);

/** Whether this file is the program being run (not imported, e.g. by the README table generator). */
const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (isMain) {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2); // commander already printed why
    // Bad input is the user's to fix: one line naming what was wrong, no stack trace.
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`sesphr: ${msg.split('\n')[0]}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
}
