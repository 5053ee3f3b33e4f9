/**
 * The one place that talks to tslab: sends a display message (a MIME bundle with a display id) as
 * Jupyter `display_data`, or as `update_display_data` to replace an earlier output in place.
 *
 * tslab's public `display.raw(mime, s)` sends one MIME type per message; a figure or a check needs
 * several in one output. So we call the function tslab itself stores for the running cell,
 * `lastWriteDisplayData(content, update)` in tslab/dist/jupyter.js, which sends the whole bundle.
 * We only use that module when the kernel has already loaded it (require.cache): outside a tslab
 * kernel (vitest, plain node, a CLI) nothing is loaded and messages fall back to their text/plain part
 * on stdout. A transport can be injected (tests capture bundles). Sending never throws.
 *
 * Left out on purpose: comms, widgets, clear_output, execute_result.
 */

export const MIME = {
  plotly: 'application/vnd.plotly.v1+json',
  html: 'text/html',
  text: 'text/plain',
} as const;

/** The content of a Jupyter display_data / update_display_data message. */
export interface DisplayMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id: string };
}

/** Sends one message; `update` = true means update_display_data for `transient.display_id`. */
export type Transport = (message: DisplayMessage, update: boolean) => void;

let injected: Transport | null = null;

/** Routes every display through `t` (null restores the default); returns the previous one. For tests and tools. */
export function setTransport(t: Transport | null): Transport | null {
  const previous = injected;
  injected = t;
  return previous;
}

interface TslabJupyter { lastWriteDisplayData: Transport | null }
let tslab: TslabJupyter | null = null;

/** tslab's jupyter module if this process is a tslab kernel (already loaded), else null. Never loads it. */
function findTslab(): TslabJupyter | null {
  if (tslab) return tslab;
  try {
    const cache = typeof require === 'function' ? require.cache : undefined;
    if (!cache) return null;
    let own: string | null = null;
    try { own = require.resolve('tslab/dist/jupyter'); } catch { /* tslab not installed next to us */ }
    const keys = own && cache[own] ? [own] : Object.keys(cache).filter((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k));
    for (const k of keys) {
      const exp = cache[k]?.exports as Partial<TslabJupyter> | undefined;
      if (exp && 'lastWriteDisplayData' in exp) return (tslab = exp as TslabJupyter);
    }
  } catch { /* no module system to look into */ }
  return null;
}

/** Where displays go right now: an injected transport, the tslab kernel, or stdout (text only). */
export function transportKind(): 'injected' | 'tslab' | 'stdout' {
  if (injected) return 'injected';
  return findTslab()?.lastWriteDisplayData ? 'tslab' : 'stdout';
}

let warned = false;

/** Sends a message the best way available. Never throws: a failing transport degrades to stdout text. */
export function sendDisplay(message: DisplayMessage, update: boolean): void {
  const target = injected ?? findTslab()?.lastWriteDisplayData ?? null;
  if (target) {
    try {
      target(message, update);
      return;
    } catch (e) {
      if (!warned) {
        warned = true;
        try { process.stderr.write(`reglab display: sending an output failed (${String((e as Error)?.message ?? e)}); printing text instead\n`); } catch { /* nothing left */ }
      }
    }
  }
  printText(message);
}

function printText(message: DisplayMessage): void {
  const text = message.data[MIME.text];
  if (typeof text !== 'string' || text === '') return;
  try { process.stdout.write(text.endsWith('\n') ? text : text + '\n'); } catch { /* stdout closed */ }
}
