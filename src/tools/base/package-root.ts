/**
 * Where the package lives: the folder holding package.json above this file (the repository, or the
 * installed package), so defaults and built files are found whatever the working directory.
 */
import * as fs from 'fs';
import * as path from 'path';

export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
