/**
 * The small command-line parser the release, validate, grade, study and bench tools share: `--flag`,
 * `--name value` (numbers and whole numbers checked), positional arguments; user paths resolve
 * against the folder npm was started in (INIT_CWD), defaults against the package root (package-root.ts).
 *
 * Left out on purpose: `--name=value`, short flags, subcommands.
 */
import * as path from 'path';

export class UsageError extends Error {}

/** number: a positive number; integer: a positive whole number. */
export type Spec = Record<string, 'flag' | 'string' | 'number' | 'integer'>;

export interface Parsed { positional: string[]; flags: Set<string>; values: Map<string, string>; numbers: Map<string, number> }

export function parseCli(argv: string[], spec: Spec): Parsed {
  const out: Parsed = { positional: [], flags: new Set(), values: new Map(), numbers: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const name = a.slice(2);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${a}`);
    if (kind === 'flag') {
      out.flags.add(name);
      continue;
    }
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
    if (kind === 'string') {
      out.values.set(name, v);
      continue;
    }
    const n = Number(v);
    const whole = kind === 'integer';
    if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) throw new UsageError(`${a} must be a positive ${whole ? 'whole ' : ''}number, got '${v}'`);
    out.numbers.set(name, n);
  }
  return out;
}

/** Where the user typed the command (npm run changes the working directory to the package root). */
export const userPath = (p: string): string => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

/** The path option `--name` as a user path, else `fallback` (a default under the package root, or undefined). */
export function pathOpt<T extends string | undefined>(args: Parsed, name: string, fallback: T): string | T {
  const v = args.values.get(name);
  return v === undefined ? fallback : userPath(v);
}

/** Runs `main`; a UsageError prints the message and usage and exits 2, another error exits 2 with its message. */
export function runCli(tool: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`${tool}: ${e instanceof UsageError ? `${e.message}\n${usage}` : e.message}`);
      process.exit(2);
    },
  );
}
