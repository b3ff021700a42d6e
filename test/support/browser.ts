import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { MACHINE } from './config';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The built UI the API serves in browser tests. */
export const UI_DIST = `${repoRoot}ui/dist`;

/** Screenshots and other files worth a look after a run (gitignored). */
export const ARTIFACTS_DIR = `${repoRoot}test/artifacts`;

/** Builds the UI with vite unless ui/dist holds a build newer than every file under ui/src and contracts/ (whose value lists it bundles). */
export async function ensureUiBuilt(): Promise<string> {
  const builtAt = existsSync(`${UI_DIST}/index.html`) ? statSync(`${UI_DIST}/index.html`).mtimeMs : 0;
  const sources = ['ui/src', 'contracts'].flatMap((dir) => readdirSync(`${repoRoot}${dir}`, { recursive: true, encoding: 'utf8' }).map((file) => `${dir}/${file}`));
  if (sources.some((file) => statSync(`${repoRoot}${file}`).mtimeMs > builtAt)) {
    const { build } = await import('vite');
    await build({ configFile: `${repoRoot}ui/vite.config.ts`, logLevel: 'warn' });
  }
  return UI_DIST;
}

/** Debian's chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: MACHINE.test.chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile on the stack's origin (cookies and localStorage of its own). */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Signs in on /login and waits for the app shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-testid="sign-in"]').click();
  await page.waitForSelector('[data-testid="current-user"]');
}

/** Saves a full-page screenshot under test/artifacts and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = `${ARTIFACTS_DIR}/${name}`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
