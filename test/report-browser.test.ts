// The report as a reviewer sees it: rendered by headless Chromium in a 1280 px window. Nothing may
// overflow the window (wide tables scroll inside their own box), the findings come first with
// their trace links working, and the screenshot is kept in reports/browser/ as an artefact.
// Without a Chromium (a developer's machine), it skips and says why; CI installs Debian's.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { conform } from '../conformance/conform.js';
import { DEFECTS } from '../model/defects.js';
import { explore } from '../model/explore.js';
import { renderSvg, toDot } from '../model/export/dot.js';
import { buildNet } from '../model/net.js';
import { CATALOGUE } from '../model/properties.js';
import { paper, small } from '../universes/index.js';
import type { ReportData } from '../report/data.js';
import { writeReport } from '../report/write.js';
import { verifyCatalogue } from '../smt/catalogue.js';
import { shutdownZ3 } from '../smt/z3.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTH = 1280;
const ARTEFACTS = resolve(import.meta.dirname, '..', 'reports', 'browser');
const have = existsSync(CHROMIUM);

/**
 * Run in the page (a string: the page's DOM is not this program's): every element that is not
 * inside a box that scrolls or clips must end within the window.
 */
const LAYOUT = `(() => {
  const inBox = (e) => e.closest('.scroll, pre, figure') !== null && !e.matches('.scroll, pre, figure');
  const over = [...document.body.querySelectorAll('*')].filter((e) => !inBox(e) && e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' right ' + Math.round(e.getBoundingClientRect().right));
  const scrolling = [...document.querySelectorAll('.scroll')].filter((e) => e.scrollWidth > e.clientWidth).length;
  return { page: document.documentElement.scrollWidth, window: window.innerWidth, over, scrolling, firstH2: document.querySelector('h2')?.textContent, nav: document.querySelectorAll('nav a').length };
})()`;
if (!have) console.warn(`report-browser: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!have)(`the report in Chromium at ${WIDTH} px`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  afterAll(async () => {
    await shutdownZ3();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });
  // Real verdicts (with traces) and real wide tables: the small universe, so it stays quick.
  const verdicts = await verifyCatalogue({ universe: small.name, properties: ['conf.cloud', 'collusion.srs-cloud', 'collusion.user-srs', 'backward.history', 'backward.from-join-date', 'forward.all-files'] });
  const net = buildNet(small, { profile: 'adversarial', variant: 'srs-keys', policy: 'history' });
  const { fired: _f, guardOutcomes: _g, ...r } = explore(net, CATALOGUE);
  const conformance = conform({ universe: small, configs: [{ profile: 'extended', variant: 'srs-keys', policy: 'history' }], seed: 1, runs: 0, sample: 10 });
  const data: ReportData = {
    meta: { generatedAt: new Date().toISOString(), commit: 'test', node: process.version, platform: process.platform, cpus: 'test', packages: { 'z3-solver': 'test' }, seed: 1, quick: true, stages: [{ name: 'explore', seconds: r.seconds, ok: true }] },
    catalogue: verdicts,
    explorer: [{ universe: 'small', ...net.cfg, ...r }],
    conformance,
    conformanceSample: 10,
    defects: DEFECTS,
    netSvg: await renderSvg(toDot(buildNet(paper, { profile: 'paper', variant: 'srs-keys', policy: 'history' }))),
  };
  await writeReport(dir, data);

  it('fits the window: nothing overflows it, wide tables scroll in their own box; the findings open the page and their links open the trace', async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: WIDTH, height: 900 },
    });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      const layout = (await page.evaluate(LAYOUT)) as { page: number; window: number; over: string[]; scrolling: number; firstH2?: string; nav: number };
      mkdirSync(ARTEFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTEFACTS, `report-${WIDTH}.png`) });
      await page.screenshot({ path: join(ARTEFACTS, `report-${WIDTH}-full.png`), fullPage: true });
      expect(layout.over, 'elements past the window edge').toEqual([]);
      expect(layout.page).toBeLessThanOrEqual(layout.window);
      expect(layout.firstH2).toMatch(/^Findings/);
      expect(layout.nav).toBeGreaterThan(5);
      // The shortest trace is one click away: the link opens its <details>.
      const link = page.locator('#findings ~ div.scroll a[href^="#trace-"]').first();
      const target = (await link.getAttribute('href'))!.slice(1);
      await link.click();
      expect(await page.locator(`details#${target}`).evaluate((e) => (e as unknown as { open: boolean }).open)).toBe(true);
    } finally {
      await context.close();
    }
    expect(existsSync(join(ARTEFACTS, `report-${WIDTH}.png`))).toBe(true);
    // The same findings are in report.json, with claim and agreement on every verdict.
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(json.findings.summary).toMatch(/^Of the paper's \d+ claims/);
    for (const v of json.catalogue) expect(v).toHaveProperty('agreement');
    expect(json.catalogue.find((v: { property: string; verdict: { kind: string } }) => v.property === 'collusion.srs-cloud' && v.verdict.kind === 'violated')).toMatchObject({ claim: 'confidentiality', assertedByPaper: false, agreement: 'fails-against-adversary' });
  }, 120_000);
});
