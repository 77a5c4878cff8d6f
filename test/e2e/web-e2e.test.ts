/**
 * Browser end-to-end tests: the built web app (`web/dist`) and the API in one server over a real store, driven by
 * Debian's Chromium through playwright-core. Screenshots of every page go to test-artifacts/screenshots/.
 * Without /usr/bin/chromium (or $MIRESIST_CHROMIUM) the suite is skipped loudly; under CI=true it fails instead.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, defaultWebRoot } from '../../src/api/server.js';
import {
  buildKnowledgeBase,
  KnowledgeStore,
  loadReader,
  loadReaderFiles,
  readDocuments,
} from '../../src/kb/index.js';
import { names } from '../helpers/reference-names.js';

const CHROMIUM = process.env.MIRESIST_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve('test-artifacts/screenshots');
const TOKEN = 'e2e-token-0123456789';
const QPCR = resolve('test/fixtures/analysis/qpcr/qpcr-long.csv');
const SCRIPT_SENTENCE =
  'Anti-miR-21 re-sensitised MCF-7 cells to tamoxifen <script>alert(1)</script> in vitro.';

const haveBrowser = existsSync(CHROMIUM);
const haveWeb = existsSync(join(defaultWebRoot(), 'index.html'));
if (!haveBrowser || !haveWeb) {
  const why = !haveBrowser
    ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
    : `no built web app at ${defaultWebRoot()} (npm run build)`;
  if (process.env.CI === 'true') throw new Error(`browser end-to-end tests cannot run under CI: ${why}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!!! BROWSER END-TO-END TESTS SKIPPED: ${why}\n${line}\n`);
}

describe.skipIf(!haveBrowser || !haveWeb)('web app in Chromium', () => {
  let dir: string;
  let store: KnowledgeStore;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'miresist-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    const config = { kind: 'sqlite' as const, path: join(dir, 'e2e.sqlite') };
    await buildKnowledgeBase(config);
    store = await KnowledgeStore.open(config);
    // a paper whose sentence carries markup: the queue and every page must show it as text
    const paper = join(dir, 'script-check.txt');
    writeFileSync(paper, `title: Markup in evidence\npmid: 99999991\nyear: 2025\n\n${SCRIPT_SENTENCE}\n`);
    const files = loadReaderFiles([paper]);
    if (!files.ok) throw new Error(files.issues.map((i) => i.message).join('\n'));
    const queued = await store.addProposals(readDocuments(loadReader(), files.value).batches);
    expect(queued.added).toBeGreaterThan(0);
    app = await buildServer({
      store,
      names,
      token: TOKEN,
      limits: { readsPerMinute: 0, computePerMinute: 0 },
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--headless'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width > 800 ? 900 : 844 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(base + path);
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('search → miRNA page → evidence quote, by keyboard', async () => {
    const page = await open('/');
    await shot(page, '01-home');
    const input = page.getByTestId('search-input');
    await input.fill('miR-770-5p');
    await expect.poll(() => page.getByTestId('search-result').count()).toBeGreaterThan(0);
    await shot(page, '02-search-as-you-type');
    await input.press('ArrowDown');
    await input.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/mirna\/hsa-miR-770-5p$/);
    await expect.poll(() => page.getByTestId('mirna-seed').textContent()).toBe('CCAGUAC');
    const rows = page.getByTestId('statement-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await rows.first().click();
    const quote = page.getByTestId('evidence-quote').first();
    await quote.waitFor();
    expect((await quote.textContent())!.length).toBeGreaterThan(20);
    expect(await page.textContent('body')).toMatch(/trastuzumab/i);
    await shot(page, '03-mirna-page');
    await page.close();
  });

  it('gene and therapy pages show curated statements with their quotes', async () => {
    const gene = await open('/gene/PTEN');
    await expect.poll(() => gene.getByTestId('statement-row').count()).toBeGreaterThan(0);
    await gene.getByTestId('statement-row').first().click();
    await gene.getByTestId('evidence-quote').first().waitFor();
    await shot(gene, '04-gene-page');
    await gene.close();
    const therapy = await open('/therapy/tamoxifen');
    await expect.poll(() => therapy.getByTestId('statement-row').count()).toBeGreaterThan(0);
    expect(await therapy.textContent('body')).toMatch(/miR-21/);
    await shot(therapy, '05-therapy-page');
    await therapy.close();
  });

  it('the network filters by therapy and predicate', async () => {
    const page = await open('/network');
    const count = page.getByTestId('network-count');
    const edges = async () => Number(/(\d+) edges/.exec((await count.textContent()) ?? '')?.[1] ?? NaN);
    await expect.poll(edges).toBeGreaterThan(50);
    const all = await edges();
    await page.waitForSelector('[data-testid="network-canvas"] canvas');
    await shot(page, '06-network');
    await page.getByTestId('network-filter-therapy').selectOption('trastuzumab');
    await expect.poll(edges).toBeLessThan(all);
    const trastuzumab = await edges();
    expect(trastuzumab).toBeGreaterThan(0);
    await page.getByTestId('network-filter-predicate').selectOption('confers_resistance');
    await expect.poll(edges).toBeLessThan(trastuzumab);
    await shot(page, '07-network-filtered');
    await page.close();
  });

  it('a simulation: miR-770-5p mimic re-sensitises trastuzumab-resistant cells, with its explaining chain', async () => {
    const page = await open('/simulate');
    const context = page.getByTestId('sim-context');
    await expect.poll(() => context.locator('option').count()).toBeGreaterThan(1);
    await context.selectOption('her2-resistant');
    await page.getByTestId('sim-therapy').selectOption({ label: 'trastuzumab' });
    await page.getByTestId('sim-run').click();
    const proliferation = page.getByTestId('sim-phenotype-Proliferation');
    await expect.poll(() => proliferation.textContent()).toMatch(/ON/);
    const mimic = page.getByTestId('sim-mimic');
    const option = await mimic.locator('option', { hasText: 'miR-770-5p' }).first().getAttribute('value');
    await mimic.selectOption(option!);
    await page.getByTestId('sim-run').click();
    await expect.poll(() => proliferation.textContent()).toMatch(/off/i);
    const chain = page.getByTestId('sim-chain').first();
    await chain.waitFor();
    expect(await chain.textContent()).toMatch(/Proliferation/);
    await shot(page, '08-simulation');
    await page.close();
  });

  it('a qPCR upload shows its table and figure', async () => {
    const page = await open('/analyses/qpcr');
    await page.getByTestId('analysis-file').setInputFiles(QPCR);
    await page.getByTestId('analysis-option-reference').fill('U6');
    await page.getByTestId('analysis-run').click();
    const figure = page.getByTestId('analysis-figure').first();
    await figure.waitFor();
    expect(
      await figure.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(100);
    await expect.poll(() => page.getByTestId('analysis-table').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('analysis-table').first().textContent()).toMatch(/miR-770-5p/);
    await shot(page, '09-qpcr-analysis');
    await page.close();
  });

  it('a curation accept; evidence containing <script> renders as text', async () => {
    const page = await open('/curation');
    await page.getByTestId('curation-token').fill(TOKEN);
    await page.getByTestId('curation-curator').fill('e2e-curator');
    const row = page.getByTestId('proposal-row').filter({ hasText: '<script>alert(1)</script>' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('<script>alert(1)</script>');
    await shot(page, '10-curation-queue');
    await row.first().getByTestId('proposal-accept').click();
    await expect.poll(() => row.first().getByTestId('proposal-status').textContent()).toMatch(/accepted/i);
    await shot(page, '11-curation-accepted');
    await page.close();
    // the accepted statement, with its markup quote, is now on the miRNA page, as text
    const mirna = await open('/mirna/miR-21');
    await expect.poll(() => mirna.getByTestId('statement-row').count()).toBeGreaterThan(0);
    const rows = mirna.getByTestId('statement-row');
    for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).click();
    const quote = mirna.getByTestId('evidence-quote').filter({ hasText: '<script>' });
    await quote.first().waitFor();
    expect(await mirna.locator('script:not([src]):not([type])').count()).toBe(0);
    await shot(mirna, '12-mirna-with-accepted-evidence');
    await mirna.close();
    expect(dialogs).toEqual([]);
  });

  it('works at a phone width', async () => {
    for (const [path, name] of [
      ['/mirna/miR-770-5p', '13-phone-mirna'],
      ['/network', '14-phone-network'],
      ['/simulate', '15-phone-simulate'],
    ] as const) {
      const page = await open(path, 390);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
      await shot(page, name);
      await page.close();
    }
  });

  it('every other page renders with real data', async () => {
    for (const [path, name, text] of [
      ['/analyses', '16-analyses', /qPCR/i],
      ['/therapy/trastuzumab', '17-therapy-trastuzumab', /miR-770-5p/],
      ['/gene/ERBB2', '18-gene-erbb2', /ERBB2/],
    ] as const) {
      const page = await open(path);
      await page.waitForLoadState('networkidle');
      expect(await page.textContent('body')).toMatch(text);
      await shot(page, name);
      await page.close();
    }
  });
});
