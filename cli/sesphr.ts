#!/usr/bin/env node
// The `sesphr` command: one front for the model, the verifier, the implementation and reports.
// Each subcommand lives in its own module under cli/commands and is registered here.
import { Command } from 'commander';
import { register as registerDemo } from './commands/demo.js';

const program = new Command();
program
  .name('sesphr')
  .description('SeSPHR verification workbench: model, SMT verification, real crypto, conformance')
  .showHelpAfterError();
registerDemo(program);

await program.parseAsync(process.argv);
