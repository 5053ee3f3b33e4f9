/**
 * The stack reader checks use for " in fn" (checks/stack.ts): tslab's error.stack by default; a host
 * may replace it once (the judge does at boot), and a second replacement throws, so code that runs
 * after the host cannot change what checks report. Runs in a child process: the module state is global.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '../../../dist/lib/checks/stack.js');

describe('stack reader', () => {
  it('reads error.stack, takes one replacement, refuses a second', () => {
    const script = `
      const s = require(${JSON.stringify(DIST)});
      const out = [s.stackText(new Error('x')).split('\\n')[0], s.stackText('not an error')];
      s.setStackReader(() => 'host');
      out.push(s.stackText(new Error('y')));
      try { s.setStackReader(() => 'later'); out.push('replaced twice'); } catch (e) { out.push(e.message); }
      out.push(s.stackText(new Error('z')));
      console.log(JSON.stringify(out));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toEqual(['Error: x', '', 'host', 'setStackReader: the stack reader is already set', 'host']);
  });
});
