/**
 * `npm run new -- NN_name [--title TEXT] [--source DIR] [--out DIR]`
 *
 * Creates the instructor source notebooks/source/NN_name.ipynb in the house structure
 * (src/tools/grader/scaffold.ts), its answer catalog NN_name.catalog.md beside it, and its student copy
 * notebooks/NN_name.ipynb, and says what to do next.
 * Never overwrites: an existing source is refused. Exit codes: 0 created, 2 bad usage or the file exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { releaseFiles } from '../grader/release';
import { NOTEBOOK_NAME, scaffoldCatalog, scaffoldNotebook } from '../grader/scaffold';
import { catalogPathFor } from '../grader/answer-catalog';
import { writeNotebook } from '../notebook/notebook-io';
import { packageRoot } from '../base/package-root';
import { UsageError, parseCli, pathOpt, runCli } from './cli-args';

const USAGE = 'usage: npm run new -- NN_name [--title TEXT] [--source DIR] [--out DIR]';

runCli('new', USAGE, async () => {
  const args = parseCli(process.argv.slice(2), { title: 'string', source: 'string', out: 'string' });
  if (args.positional.length !== 1) throw new UsageError('give exactly one notebook name, like 06_dropconnect');
  const name = args.positional[0].replace(/\.ipynb$/, '');
  if (!NOTEBOOK_NAME.test(name)) throw new UsageError(`'${name}' is not a notebook name: two digits, '_', then lower-case letters, digits and '_' (like 06_dropconnect)`);
  const root = packageRoot();
  const sourceDir = pathOpt(args, 'source', path.join(root, 'notebooks', 'source'));
  const outDir = pathOpt(args, 'out', path.join(root, 'notebooks'));
  const file = path.join(sourceDir, `${name}.ipynb`);
  const catalog = catalogPathFor(file);
  for (const f of [file, catalog]) if (fs.existsSync(f)) throw new Error(`${f} already exists; nothing was written`);
  fs.mkdirSync(sourceDir, { recursive: true });
  writeNotebook(file, scaffoldNotebook(name, args.values.get('title')));
  fs.writeFileSync(catalog, scaffoldCatalog(name), { flag: 'wx' });
  const [copy] = releaseFiles({ sourceDir, outDir, names: [name] });
  const rel = (p: string) => path.relative(process.cwd(), p);
  console.log(`created ${rel(file)} (instructor source), ${rel(catalog)} (its answer catalog) and ${rel(copy.target)} (student copy, ${copy.status})`);
  console.log('next: replace the example exercise and its check with yours, keep solutions between // BEGIN SOLUTION and');
  console.log(`// END SOLUTION, then run npm run validate -- ${name} and npm run release -- ${name} (see "Authoring" in the README)`);
  return 0;
});
