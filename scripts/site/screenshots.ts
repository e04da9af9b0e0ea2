/**
 * `npm run screenshots`: full-page PNGs of the built site (site/, from
 * `npm run build`) for reviewers: the home page and a flag page at 1280 px,
 * and the flag page on a 390 px phone in dark mode. Written to test-output/.
 * A script, not a test: it asserts nothing a test does not already assert.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../render/browser.ts';
import { PROJECT_ROOT } from './settings.ts';
import { serveStatic } from './static-server.ts';
import { flagUrl } from './urls.ts';

const SITE = path.join(PROJECT_ROOT, 'site');
const OUT = path.join(PROJECT_ROOT, 'test-output');
const FLAG = 'kube-controller-manager --cluster-signing-cert-file';

async function main(): Promise<number> {
  if (!existsSync(path.join(SITE, 'index.html'))) {
    process.stderr.write('screenshots: no built site in site/; run `npm run build` first\n');
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const server = await serveStatic(SITE);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const shots: Array<[string, string, { phone?: boolean }]> = [
      ['/', 'home.png', {}],
      [flagUrl(FLAG), 'flag-kube-controller-manager-cluster-signing-cert-file.png', {}],
      [flagUrl(FLAG), 'flag-phone-dark.png', { phone: true }],
    ];
    for (const [url, name, { phone }] of shots) {
      if (phone) {
        await page.setViewport({ width: 390, height: 844 });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      }
      await page.goto(new URL(url, server.url).href, { waitUntil: 'load' });
      const file = path.join(OUT, name);
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
      process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
    }
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

process.exitCode = await main();
