/**
 * The documentation site of the example gateway-state, opened from disk in headless
 * Chromium (the system's /usr/bin/chromium through playwright-core; no browser is ever
 * downloaded): every route of both APIs is rendered, and nothing is requested from
 * anywhere but the site's own folder. Also checked without a browser: no page or
 * stylesheet references a network address. Skips, saying so, where Chromium is not
 * installed (.ci/run installs it).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { docsCommand } from '../../../src/cli/docs.js';
import { validateState } from '../../../src/validate/index.js';
import { expectGolden } from '../../helpers/golden.js';

const CHROMIUM = process.env.APIGW_SYNC_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STATE = join(import.meta.dirname, '..', '..', '..', 'gateway-state');
const NETWORK = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

let site: string;

beforeAll(async () => {
  site = join(mkdtempSync(join(tmpdir(), 'apigw-docs-')), 'site');
  const r = await docsCommand(STATE, { out: site, offline: true });
  expect(r.code).toBe(0);
  expectGolden('docs/docs-cli.txt', `${r.stdout}${r.stderr}`.replaceAll(site, '<site>'));
});

/** Every route the gateway serves, as `METHOD /path` (ANY is every method). */
async function servedRoutes(): Promise<string[]> {
  const v = await validateState(STATE);
  const out: string[] = [];
  for (const api of Object.values(v.model.apis)) {
    for (const r of Object.values(api.routes)) {
      const methods = r.method === 'ANY' ? ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'] : [r.method];
      for (const m of methods) out.push(`${m} ${r.path}`);
    }
  }
  return out.sort();
}

describe('docs site: no network reference in its files', () => {
  it('pages and stylesheets load only files of the site itself', () => {
    const files = readdirSync(site);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'swagger-ui-bundle.js',
        'swagger-ui.css',
        'specs.js',
        'init.js',
        'shop.openapi.json',
        'events.openapi.json',
        'LICENSE',
      ]),
    );
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href|srcset|action|poster|data)\s*=\s*["']([^"']*)["']/gi)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(4);
    for (const ref of refs) {
      expect(ref, `index.html references ${ref}`).not.toMatch(NETWORK);
      if (!ref.startsWith('#')) expect(files, `index.html references ${ref}, which is not in the site`).toContain(ref);
    }
    for (const css of [html, readFileSync(join(site, 'swagger-ui.css'), 'utf8')]) {
      for (const m of css.matchAll(/url\(\s*["']?([^"')]*)/gi)) expect(m[1], `url(${m[1]})`).toMatch(/^(data:|#|$)/);
      expect(css).not.toMatch(/@import/i);
    }
    // No source map comment pointing at a file the site does not have.
    expect(readFileSync(join(site, 'swagger-ui-bundle.js'), 'utf8')).not.toMatch(/sourceMappingURL=/);
  });

  it('the same state gives the same site, byte for byte (published docs change only with the API)', async () => {
    const again = join(mkdtempSync(join(tmpdir(), 'apigw-docs-')), 'site');
    await docsCommand(STATE, { out: again, offline: true });
    for (const f of readdirSync(site))
      expect(readFileSync(join(again, f)).equals(readFileSync(join(site, f))), f).toBe(true);
  });
});

describe('docs site in headless Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it('renders every route of both APIs from disk, requesting nothing from the network', async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `SKIPPED: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does) — the docs site was not rendered`,
      );
      ctx.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    // A fresh profile for this run (playwright makes one per context in a new temp dir).
    const page = await (await browser.newContext()).newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(String(e)));

    const expected = await servedRoutes();
    expect(expected.length).toBeGreaterThan(15);
    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    // Wait for the condition (every operation drawn), not for a fixed time.
    await page.waitForFunction((n) => document.querySelectorAll('.opblock-summary').length >= n, expected.length, {
      timeout: 30_000,
    });

    const shown = await page.$$eval('.opblock-summary', (els) =>
      els.map((el) => {
        const method = el.querySelector('.opblock-summary-method')?.textContent ?? '';
        const path = (el.querySelector('.opblock-summary-path') as HTMLElement | null)?.innerText ?? '';
        const visible = (el as HTMLElement).offsetParent !== null;
        return `${visible ? '' : '(hidden) '}${method} ${path}`;
      }),
    );
    const normalized = shown.map((s) => s.replace(/[\u200b\s]+/g, ' ').trim());
    expect([...new Set(normalized)].sort()).toEqual(expected);
    // The rendered page text names both APIs and each of their stages' addresses.
    const text = await page.innerText('body');
    for (const t of [
      'shop-api',
      'events-api',
      'execute-api.ap-northeast-2.amazonaws.com/prod',
      'execute-api.ap-northeast-2.amazonaws.com/live',
    ])
      expect(text).toContain(t);

    expect(failures).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(url, `the page requested ${url}`).toMatch(/^(file:|data:|blob:|about:)/);
    // Nothing on the rendered page links or loads off the site.
    const external = await page.$$eval('[src],[href]', (els) =>
      els
        .map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '')
        .filter((u) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u) && !u.startsWith('file:')),
    );
    expect(external).toEqual([]);
  });
});
