// The README is true: its command reference and exit codes are what the command definitions
// generate (`npm run readme` rewrites them), and every file it cites exists.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../cli/exit.js';
import { program } from '../cli/sesphr.js';
import { regenerate, readmePath } from '../scripts/readme-commands.js';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(readmePath(), 'utf8');

/** Every file name in the repository's source folders. */
const names = new Set(readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((p) => !/^(node_modules|dist|reports|\.git)(\/|$)/.test(p)).map((p) => basename(p)));

describe('README.md', () => {
  it('shows every command and option as the definitions give them (run `npm run readme` after changing one)', () => {
    expect(regenerate(readme) === readme, 'README.md is out of date: run npm run readme').toBe(true);
    // and the generated reference really names every command and option
    const walk = (c: typeof program, prefix: string): string[] => c.commands.flatMap((x) => x.commands.length ? walk(x, `${prefix}${x.name()} `) : [`${prefix}${x.name()}`, ...x.options.map((o) => `${prefix}${x.name()} ${o.long}`)]);
    for (const entry of walk(program, '')) {
      const [cmd, opt] = [entry.split(' --')[0], entry.includes(' --') ? `--${entry.split(' --')[1]}` : undefined];
      const section = readme.split(`#### sesphr ${cmd}\n`)[1]?.split('####')[0];
      expect(section, `no section for sesphr ${cmd}`).toBeDefined();
      if (opt) expect(section, `sesphr ${cmd} ${opt}`).toContain(`\`${opt}`);
    }
  });

  it('lists every exit code of the convention', () => {
    for (const code of Object.values(EXIT)) expect(readme).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
  });

  it('cites no missing file: every path it names exists in the repository or in the shared reference', () => {
    const cited = [...readme.matchAll(/`((?:\.\.\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:ts|md|json|yaml|mjs|jsonl))`/g)].map((m) => m[1]);
    expect(cited.length).toBeGreaterThan(5);
    // files the reader or the commands create
    const examples = new Set(['srs-audit.jsonl', 'bad.yaml', 'report.md', 'report.json', 'reports/verification.json', 'reports/conformance.json']);
    // reports/ is where the commands write (verification.json, all-sizes.json, ...), never source
    for (const f of cited.filter((x) => !examples.has(x) && !x.startsWith('reports/'))) {
      // a path from the root, or a file name the README's context places in a folder
      const here = existsSync(join(root, f)) || (!f.includes('/') && names.has(f));
      // the shared reference sits beside the repository (CI checks out ../shared), not in it
      expect(here || f.startsWith('../shared/reference/'), `README cites ${f}, which does not exist`).toBe(true);
    }
    // design notes live outside the repository: cited only as the shared reference
    for (const m of readme.matchAll(/design\.md/g)) expect(readme.slice(Math.max(0, m.index! - 30), m.index)).toContain('shared/reference/');
  });
});
