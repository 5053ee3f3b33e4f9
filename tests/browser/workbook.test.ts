/**
 * The workbook in a real browser, in every frontend (tests/browser/frontends.ts), the variants side by side:
 * each runs in its own Jupyter server one notebook at a time (workbook-suite.ts has what is run and judged),
 * so the kernels of up to five variants share the cores with their browser pages. Every finding is a soft
 * expectation named by variant and notebook. Timings go to artifacts/browser/timings.json.
 * REGLAB_BROWSER_VARIANTS=lab,classic (names from frontends.ts) runs only those, for a quicker look.
 */
import { afterAll, describe, it } from 'vitest';
import { findVariants } from './frontends';
import { closeBrowser, needPrerequisites, runVariant } from './workbook-suite';

/** A hang guard for one variant's whole run (all its notebooks, alongside the other variants). */
const VARIANT_TIMEOUT_MS = 50 * 60_000;

describe.concurrent('the workbook in every frontend + Chromium', () => {
  afterAll(closeBrowser, 60_000);
  const only = (process.env.REGLAB_BROWSER_VARIANTS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  for (const found of findVariants().filter((f) => only.length === 0 || only.includes(f.variant.name))) {
    const what = found.variant.allNotebooks ? 'every notebook' : 'the fixtures';
    it(`${found.variant.label} (${found.variant.name}): ${what} draw every figure natively or by the HTML fallback as this frontend should, ` +
      'pass every check, move every live plot, log no JS error, leave nothing off the machine', async (ctx) => {
      needPrerequisites(ctx, found);
      await runVariant(found, ctx.expect);
    }, VARIANT_TIMEOUT_MS);
  }
});
