/** reglab: the library every notebook imports by package name (`import * as rl from 'reglab'`). */
export * from './rng';
export * from './tensor';
