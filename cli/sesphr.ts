#!/usr/bin/env node
// The `sesphr` command: one front for the model, the verifier, the implementation and reports.
// Each subcommand lives in its own module under cli/commands and is registered here. Run as
// `sesphr NAME ...`, only NAME's module is loaded: `sesphr verify` then starts without the
// implementation's group backends, the report's charts or the services, a second or more of
// module loading it would never use (its worker threads wait for it to plan). Help, an unknown
// command and the README's table generator (which imports `program`) get every command.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { NetTooLarge } from '../model/net-size.js';
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

/** The subcommands in the order help lists them, each module loaded when it is needed. */
const COMMANDS: Record<string, () => Promise<{ register(program: Command): void }>> = {
  demo: () => import('./commands/demo.js'),
  verify: () => import('./commands/verify.js'),
  explore: () => import('./commands/explore.js'),
  export: () => import('./commands/export.js'),
  conform: () => import('./commands/conform.js'),
  vectors: () => import('./commands/vectors.js'),
  scenario: () => import('./commands/scenario.js'),
  reproduce: () => import('./commands/reproduce.js'),
  audit: () => import('./commands/audit.js'),
  serve: () => import('./commands/serve.js'),
  client: () => import('./commands/client.js'),
};

/** The subcommands' names, in the order help lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** The subcommand `argv` names, when it names one of ours first (anything else needs them all). */
function commandNamed(argv: readonly string[]): string | undefined {
  const first = argv[2];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
}

/** Whether this file is the program being run (not imported, e.g. by the README table generator). */
const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

const only = isMain ? commandNamed(process.argv) : undefined;
for (const [name, load] of Object.entries(COMMANDS)) if (only === undefined || name === only) (await load()).register(program);

if (isMain) {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2); // commander already printed why
    // Bad input is the user's to fix: one line naming what was wrong, no stack trace.
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`sesphr: ${msg.split('\n')[0]}\n`);
    process.exit(e instanceof UsageError || e instanceof NetTooLarge ? 2 : 1);
  }
}
