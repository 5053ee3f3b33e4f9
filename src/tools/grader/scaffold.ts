/**
 * A new exercise notebook in the house structure, as data: title and big idea, the equations, the setup
 * cell (import by package name, seed), one exercise (a function whose body is a solution region), the
 * markdown that says what its check tests and the threshold, the check cell (seeded inputs, one
 * rl.check call, a hint per assertion), and the takeaways. It validates as it is: the solution passes,
 * the released stub fails as "not implemented yet". The author replaces the example exercise with theirs.
 *
 * `scaffoldCatalog` is its answer catalog (answer-catalog.ts): two wrong answers the check must catch
 * and name, one valid alternative that must keep full marks.
 *
 * Left out on purpose: writing files (tools/cli/new-cli.ts), more than one example exercise.
 */
import type { ICodeCell, IMarkdownCell } from '@jupyterlab/nbformat';
import type { Notebook } from '../notebook/notebook-io';
import { BEGIN, END } from './markers';

/** `06_name`: two digits, an underscore, then lower-case letters, digits and underscores. */
export const NOTEBOOK_NAME = /^(\d{2})_([a-z][a-z0-9_]*)$/;

const md = (id: string, source: string): IMarkdownCell => ({ cell_type: 'markdown', id, metadata: {}, source });
const code = (id: string, source: string): ICodeCell => ({ cell_type: 'code', id, metadata: {}, source, outputs: [], execution_count: null });

/** The source notebook for `name` (see NOTEBOOK_NAME); `title` defaults to the name's words. */
export function scaffoldNotebook(name: string, title?: string): Notebook {
  const m = NOTEBOOK_NAME.exec(name);
  if (!m) throw new RangeError(`notebook name '${name}' must look like 06_my_topic: two digits, '_', then lower-case letters, digits and '_'`);
  const number = Number(m[1]);
  const words = title ?? m[2].split('_').join(' ').replace(/^./, (c) => c.toUpperCase());
  const checkId = `${m[2].replace(/_/g, '-')}-sum-of-squares`;
  const cells = [
    md('title', `# ${number} · ${words}: one line that says the idea\n\n` +
      '**The big idea.** Two or three sentences a newcomer can repeat: what the technique does to training, and why it\n' +
      'keeps a recurrent network from memorizing.\n\n' +
      '**An analogy.** One everyday picture that carries the idea.\n\n' +
      '**Why it works.** The mechanism, in a paragraph.\n\n' +
      'In this notebook you will write the example exercise below (replace it with yours), check it, and see it at work.'),
    md('equations', '## The rule\n\nThe formula the exercise implements, and what each symbol is. The example exercise computes\n\n' +
      '$$S(W) = \\sum_{i,j} W_{ij}^2,$$\n\nthe sum of squares an L2 penalty is built from.'),
    code('setup', `import * as rl from "reglab";\n\nconst SEED = ${10 + number};\nconst rng = new rl.Rng(SEED); // for your own experiments; checks and demos below seed their own generators\nconsole.log(\`reglab loaded; seed \${SEED}\`);`),
    md('exercise-task', '## Exercise · The sum of squares\n\nComplete `sumOfSquares`: the sum of the squares of every entry of a matrix `m` (`m.data` holds its\n' +
      '`m.rows * m.cols` values, row by row).'),
    code('exercise-solution', `/** m: (R, C) -> sum over all entries of m_ij^2. */\nfunction sumOfSquares(m: rl.Matrix): number {\n  ${BEGIN}\n  let s = 0;\n  for (const v of m.data) s += v * v;\n  return s;\n  ${END}\n}`),
    md('exercise-check-md', '**Check: the sum of squares** (2 points). On a seeded 3x4 matrix your result must match a plain loop to\n' +
      '1e-12, and an all-zero matrix must give exactly 0.'),
    code('exercise-check', `rl.check("${checkId}", 2, (t) => {\n  const m = rl.randn(3, 4, new rl.Rng(1));\n  let expected = 0;\n` +
      '  for (const row of rl.toArray(m)) for (const v of row) expected += v * v;\n' +
      '  t.closeTo(sumOfSquares(m), expected, 1e-12, { what: "sumOfSquares of a 3x4 matrix", hint: "square every entry, then add them all up" });\n' +
      '  t.closeTo(sumOfSquares(rl.zeros(2, 2)), 0, 0, { what: "sumOfSquares of zeros", hint: "start the sum at 0" });\n});'),
    md('takeaways', '## Takeaways\n\n- What the learner should remember, in three bullets.\n- When to reach for the technique, and when not.\n- How to see it work (which curve to look at).'),
  ];
  return {
    cells,
    metadata: {
      kernelspec: { display_name: 'TypeScript (reglab)', language: 'typescript', name: 'reglab-ts' },
      language_info: { codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true }, file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript', version: '3.7.2' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The answer catalog of scaffoldNotebook(name): what `npm run validate` runs to show the check's catch rate. */
export function scaffoldCatalog(name: string): string {
  const m = NOTEBOOK_NAME.exec(name);
  if (!m) throw new RangeError(`notebook name '${name}' must look like 06_my_topic`);
  const checkId = `${m[2].replace(/_/g, '-')}-sum-of-squares`;
  const fence = '```';
  return [
    `# Answer catalog: ${name}`,
    '',
    'Wrong solutions learners plausibly write, with the check that must catch each and the words its failure must',
    'say; then valid alternatives that must keep full marks. Replace these with the mistakes your exercise invites.',
    '',
    '## sum-not-squared',
    '- kind: wrong',
    '- region: exercise-solution',
    `- fails: ${checkId}`,
    '- names: square',
    '',
    'Adds the entries themselves.',
    '',
    `${fence}ts`, 'let s = 0;', 'for (const v of m.data) s += v;', 'return s;', fence,
    '',
    '## sum-of-absolute-values',
    '- kind: wrong',
    '- region: exercise-solution',
    `- fails: ${checkId}`,
    '- names: square',
    '',
    'Adds |m_ij| (the L1 norm) instead of m_ij^2.',
    '',
    `${fence}ts`, 'let s = 0;', 'for (const v of m.data) s += Math.abs(v);', 'return s;', fence,
    '',
    '## reduce',
    '- kind: valid',
    '- region: exercise-solution',
    '',
    'The same sum with reduce.',
    '',
    `${fence}ts`, 'return m.data.reduce((s, v) => s + v * v, 0);', fence,
    '',
  ].join('\n');
}
