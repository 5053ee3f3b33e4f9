/**
 * Error stacks for the checks' messages under SES: after lockdown (errorTaming 'safe') a thrown error's
 * `stack` is '', so a check could not say where the learner's code threw (" in dropoutForward", as in
 * tslab). The judge wraps the real Error's prepareStackTrace (not reachable from a compartment) to keep
 * each error's CallSites, and gives the library (checks/stack.ts, set once, before any notebook code)
 * a reader that prints them as tslab would: notebook frames under tslab's script name.
 *
 * Left out on purpose: errors whose `stack` was already read before the wrapper (none: it is installed
 * at boot) and a stack a student overwrote (the kernel would show theirs; here it reads as empty).
 */
import type { CallerNames } from './reference-calls';

interface CallSite { getScriptNameOrSourceURL(): string | null; toString(): string }
interface V8ErrorConstructor { prepareStackTrace?: (e: Error, s: CallSite[]) => unknown }

/** tslab runs every cell as this script. */
const TSLAB_SCRIPT = 'evalmachine.<anonymous>';

export function installStackReader(V8Error: V8ErrorConstructor, setStackReader: unknown, urls: CallerNames): void {
  if (typeof setStackReader !== 'function') throw new Error('checks/stack.js has no setStackReader: the judge cannot show where code threw');
  const sitesOf = new WeakMap<object, CallSite[]>();
  const sesPrepare = V8Error.prepareStackTrace;
  V8Error.prepareStackTrace = (e, sites) => {
    try {
      if (typeof e === 'object' && e !== null) sitesOf.set(e, sites);
    } catch { /* not an object V8 lets us key on */ }
    return sesPrepare ? sesPrepare(e, sites) : '';
  };
  const notebook = (url: string | null) => url !== null && (url === urls.trusted || url === urls.release || url.startsWith(urls.student));
  (setStackReader as (r: (err: unknown) => string) => void)((err) => {
    if (typeof err !== 'object' || err === null) return '';
    try {
      void (err as Error).stack; // V8 formats (and calls prepareStackTrace) on the first read
    } catch { /* a getter of the student's */ }
    const sites = sitesOf.get(err);
    if (!sites) return '';
    const lines = sites.map((s) => {
      const url = s.getScriptNameOrSourceURL();
      const text = String(s.toString());
      return `    at ${notebook(url) ? text.split(url!).join(TSLAB_SCRIPT) : text}`;
    });
    return ['Error', ...lines].join('\n');
  });
}
