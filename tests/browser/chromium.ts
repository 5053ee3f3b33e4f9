/**
 * Headless Debian Chromium through playwright-core, with every page's requests and JavaScript errors recorded.
 *
 * Each launch gets a fresh --user-data-dir (a temp dir removed on close) and the quiet flags the issue asks
 * for. Requests to hosts outside `allowedOrigins` (and not file:, data:, blob:, about:) are aborted and
 * recorded, so nothing leaves the machine and a plot that needs a CDN shows up as a blocked request.
 * Left out: other browsers, headed mode, tracing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export interface PageLog {
  /** Uncaught exceptions ('pageerror') and console.error messages, in order. */
  errors: { kind: 'pageerror' | 'console'; text: string; url?: string; stack?: string }[];
  /** console.warn messages (classic Notebook warns, not errors, when an update finds no output to replace). */
  warnings: string[];
  /** Requests that were aborted because they would have left the machine. */
  blocked: string[];
}

export interface Browser {
  /** A new page whose errors and blocked requests go into the returned log. */
  openPage(allowedOrigins: string[]): Promise<{ page: Page; log: PageLog }>;
  close(): Promise<void>;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
  return {
    async openPage(allowedOrigins) {
      const page = await context.newPage();
      const log: PageLog = { errors: [], warnings: [], blocked: [] };
      page.on('pageerror', (err) => log.errors.push({ kind: 'pageerror', text: `${err.name}: ${err.message}`, stack: err.stack }));
      page.on('console', (msg) => {
        if (msg.type() === 'error') log.errors.push({ kind: 'console', text: msg.text(), url: msg.location().url });
        if (msg.type() === 'warning') log.warnings.push(msg.text());
      });
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url, allowedOrigins)) return route.continue();
        log.blocked.push(url);
        return route.abort('blockedbyclient');
      });
      return { page, log };
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function isLocal(url: string, allowedOrigins: string[]): boolean {
  if (/^(file|data|blob|about):/.test(url)) return true;
  return allowedOrigins.some((o) => url === o || url.startsWith(o + '/'));
}
