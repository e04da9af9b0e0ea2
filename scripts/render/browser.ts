/**
 * Finding and launching the headless browser that renders the diagrams.
 *
 * Discovery order: $PUPPETEER_EXECUTABLE_PATH, then the usual system paths.
 * With no browser, root on a machine with apt-get installs Debian's
 * `chromium` (printing what it does); everyone else gets a one-line
 * instruction. A browser is never downloaded any other way.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive, removeOrphans } from '../lib/atomic.ts';
import { UserError } from '../lib/problems.ts';
import type { Browser, PuppeteerNode } from 'puppeteer-core';

export const BROWSER_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Chromium's headless mode is the whole browser: at start it loads its own UI pages (the omnibox popup, a preloaded
 * Tab Search) in a renderer process of their own, which took 10 % of the render's CPU on two cores. Nothing here
 * shows them. Puppeteer merges this into its own --disable-features.
 */
export const NO_BROWSER_UI = '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup';

/** Flags that work in containers and keep the browser off the network. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
  NO_BROWSER_UI,
];

const INSTALL_HINT = 'install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary; or pass --no-render';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first usable browser, or undefined. A set but unusable $PUPPETEER_EXECUTABLE_PATH is an error. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = BROWSER_CANDIDATES): string | undefined {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new UserError(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} is not an executable file; fix or unset it`);
  }
  return candidates.find(executable);
}

function hasAptGet(): boolean {
  return ['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p));
}

/**
 * A browser to render with. Installs Debian's chromium when none is found and
 * this process may (root with apt-get); otherwise fails with what to do.
 */
export function ensureBrowser(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): string {
  const found = findBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) throw new UserError(`no Chrome or Chromium found (looked at ${BROWSER_CANDIDATES.join(', ')}); ${INSTALL_HINT}`);
  log('certdocs: no Chrome or Chromium found; installing Debian\'s chromium: apt-get update && apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    log(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (result.status !== 0) throw new UserError(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}); ${INSTALL_HINT}`);
  }
  const installed = findBrowser();
  if (!installed) throw new UserError(`chromium was installed but no browser was found at ${BROWSER_CANDIDATES.join(', ')}; ${INSTALL_HINT}`);
  log(`certdocs: installed ${installed}`);
  return installed;
}

/** A browser to render with, and how to give it back (close it, or nothing for a shared one). */
export interface BrowserLease {
  browser: Browser;
  release(): Promise<void>;
}

export type Launcher = () => Promise<BrowserLease>;

/** The default launcher: a new headless browser, closed on release. */
export const launchLease: Launcher = async () => {
  const browser = await launchBrowser();
  return { browser, release: () => browser.close().catch(() => undefined) };
};

let puppeteerLoaded: PuppeteerNode | undefined;

/**
 * Load puppeteer-core ahead of a launch. Once it is loaded, launchBrowser
 * starts the Chromium process within the current turn of the event loop
 * (no import and no asynchronous file operation before the spawn), so a
 * caller can start a launch, yield once, and do synchronous work while the
 * browser boots in its own processes.
 */
export async function loadPuppeteer(): Promise<PuppeteerNode> {
  if (!puppeteerLoaded) puppeteerLoaded = (await import('puppeteer-core')).default as unknown as PuppeteerNode;
  return puppeteerLoaded;
}

const PROFILE_PREFIX = 'certdocs-chromium-';
const PROFILE_OWNER = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`);

/** Remove the browser profiles of certdocs processes that are gone (killed before they could remove them). Returns their names. */
export function removeStaleProfiles(dir: string = os.tmpdir(), isAlive: (pid: number) => boolean = processAlive): string[] {
  const owner = (name: string) => {
    const m = PROFILE_OWNER.exec(name);
    return m ? Number(m[1]) : undefined;
  };
  return removeOrphans(dir, owner, isAlive, { folders: true }).map((entry) => path.basename(entry));
}

/** Launch a headless browser (puppeteer-core: never downloads anything). */
export async function launchBrowser(executablePath: string = ensureBrowser()): Promise<Browser> {
  const puppeteer = puppeteerLoaded ?? (await loadPuppeteer());
  // Our own profile folder: puppeteer would create its temporary one asynchronously before spawning.
  // Named after this process, so a later launch removes the folder a killed run (kill -9) could not.
  removeStaleProfiles();
  const profile = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  try {
    // pipe: the browser talks over stdin/stdout pipes and exits when they close, so even a killed certdocs leaves no
    // orphaned browser. Signals are handled by render/signals.ts (stop the browser, one-line message), not puppeteer.
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: BROWSER_ARGS,
      defaultViewport: null,
      userDataDir: profile,
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const child = browser.process();
    if (child && child.exitCode === null) child.once('exit', removeProfile);
    else removeProfile();
    return browser;
  } catch (err) {
    removeProfile();
    throw new UserError(`could not start ${executablePath}: ${(err as Error).message.split('\n')[0]}; ${INSTALL_HINT}`);
  }
}
