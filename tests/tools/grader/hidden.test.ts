import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { loadHiddenChecks } from '../../../src/tools/grader/hidden';
import { HIDDEN_DIR } from './catalog';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reglab-hidden-'));

describe('hidden checks', () => {
  it('reads the cells of NAME.ts after its preamble, one check each', () => {
    const checks = loadHiddenChecks(HIDDEN_DIR, '01_tiny', ['double']);
    expect(checks.map(({ cellId, id, points }) => ({ cellId, id, points }))).toEqual([{ cellId: 'reglab-hidden-double-large', id: 'double-large', points: 1 }]);
    expect(checks[0].source).toMatch(/^rl\.check\("double-large"/);
    expect(checks[0].source).not.toContain('declare');
    expect(loadHiddenChecks(HIDDEN_DIR, '02_other')).toEqual([]);
  });

  it('reads NAME.json cells (string or list sources) and refuses bad ones, naming the file', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ cells: [{ source: ['rl.check("h1", 2, (t) => {\n', '  t.isTrue(true, "x");\n', '});'] }, { source: 'rl.check("h2", 1, () => true);' }] }));
    expect(loadHiddenChecks(dir, 'a').map((c) => [c.id, c.points])).toEqual([['h1', 2], ['h2', 1]]);
    fs.writeFileSync(path.join(dir, 'b.json'), '["rl.check(\\"x\\", 1, () => true); rl.check(\\"y\\", 1, () => true);"]');
    expect(() => loadHiddenChecks(dir, 'b')).toThrow(/b\.json: a hidden cell must make exactly one check call .* found 2/);
    fs.writeFileSync(path.join(dir, 'c.json'), '{ nope');
    expect(() => loadHiddenChecks(dir, 'c')).toThrow(/c\.json: not valid JSON/);
    fs.writeFileSync(path.join(dir, 'd.ts'), 'rl.check("double", 1, () => true);');
    expect(() => loadHiddenChecks(dir, 'd', ['double'])).toThrow(/d\.ts: check id "double" is already used in d/);
  });
});
