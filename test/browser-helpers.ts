/** Shared by the browser tests: Debian's Chromium, headless, with nothing reaching the network by itself. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { NO_BROWSER_UI } from '../scripts/render/browser.ts';

export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  NO_BROWSER_UI,
];

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The URL of every HTML page of a built site ('/dir/' for dir/index.html), the search index left out. */
export function htmlPages(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'pagefind') out.push(...htmlPages(full, base));
    } else if (name.endsWith('.html')) {
      const rel = `/${path.relative(base, full).split(path.sep).join('/')}`;
      out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
    }
  }
  return out;
}
