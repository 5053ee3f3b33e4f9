#!/usr/bin/env node
/**
 * The `reglab-ts` kernel: this project's tslab, started so that a notebook in ANY folder (downloads, a
 * course folder, a temp dir) finds this project's packages, `reglab` first, both when TypeScript
 * type-checks a cell and when Node runs it. Plain JavaScript: Jupyter starts it with `node` directly.
 *
 * tslab resolves modules from the notebook's folder (its rootDir is the kernel's working directory), so
 * outside this project `import * as rl from "reglab"` fails with "Cannot find module 'reglab'".
 * - Running: the kernel spec sets NODE_PATH=<project>/node_modules. Node consults NODE_PATH after the
 *   notebook folder's own node_modules chain, so a notebook's local packages still win.
 * - Type-checking: TypeScript ignores NODE_PATH, so the compiler host tslab creates gets a
 *   `resolveModuleNames` that resolves as usual and, only for a module not found that way, tries again
 *   from each NODE_PATH folder (same order as Node). Nothing else of tslab changes.
 *
 * Usage (what kernel.json runs): node kernel-setup/kernel.js kernel --config-path {connection_file}
 * Left out: ESM-only packages (tslab compiles cells to CommonJS), paths from a tsconfig.json.
 */
'use strict';
const path = require('path');

const tslabDir = path.join(__dirname, '..', 'node_modules', 'tslab');
// The TypeScript tslab's converter uses. Its exports are read-only getters, so the module's cached
// exports are replaced by a view that differs in one function; tslab requires it after this.
const tsFile = require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] });
const ts = require(tsFile);

/** NODE_PATH folders that hold packages (…/node_modules): where a module not found locally is looked for. */
function fallbackFolders(env = process.env) {
  return (env.NODE_PATH || '').split(path.delimiter).filter((d) => d && path.isAbsolute(d));
}

/** `resolveModuleNames` for a compiler host: TypeScript's own answer, else the first NODE_PATH folder's. */
function withFallback(host, folders) {
  const cache = new Map();
  return function resolveModuleNames(names, containingFile, _reused, redirected, options) {
    return names.map((entry) => {
      const name = typeof entry === 'string' ? entry : entry.text;
      const own = ts.resolveModuleName(name, containingFile, options, host, undefined, redirected).resolvedModule;
      if (own || name.startsWith('.') || path.isAbsolute(name)) return own;
      if (cache.has(name)) return cache.get(name);
      let found;
      for (const folder of folders) {
        // Resolving from a file beside `folder` makes TypeScript look in `folder` itself (and its parents).
        const from = path.join(path.dirname(folder), '__reglab_resolve__.ts');
        found = path.basename(folder) === 'node_modules'
          ? ts.resolveModuleName(name, from, options, host, undefined, redirected).resolvedModule
          : undefined;
        if (found) break;
      }
      cache.set(name, found);
      return found;
    });
  };
}

const folders = fallbackFolders();
if (folders.length) {
  const create = ts.createWatchCompilerHost;
  function createWatchCompilerHost() {
    const host = create.apply(ts, arguments);
    if (!host.resolveModuleNames) host.resolveModuleNames = withFallback(host, folders);
    return host;
  }
  require.cache[tsFile].exports = new Proxy(ts, {
    get: (target, key) => (key === 'createWatchCompilerHost' ? createWatchCompilerHost : target[key]),
  });
}

require(path.join(tslabDir, 'dist', 'main.js')).main();
