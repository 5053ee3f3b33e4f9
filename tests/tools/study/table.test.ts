import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/tools/study/aggregate';
import { defaultConditions } from '../../../src/tools/study/plans';
import { TABLE_HEADER, formatMarkdownTable, formatTable, tableCells } from '../../../src/tools/study/table';
import { syntheticRun } from './synthetic';

const conditions = defaultConditions().filter((c) => c.name === 'none' || c.name === 'dropout-0.5');
const rows = aggregate(conditions, [
  syntheticRun('none', 1, [2.0, 1.8, 2.2], { memorized: 0.3 }),
  syntheticRun('none', 2, [2.0, 1.6, 2.0], { memorized: 0.5 }),
  syntheticRun('dropout-0.5', 1, [2.0, 1.9, 1.85], { memorized: 0.1, testLossAtBest: NaN }),
]);

describe('study table', () => {
  it('prints mean ± sample std per condition, epochs as mean (min-max), memorization in %', () => {
    const cells = tableCells(rows);
    expect(cells[0]).toEqual(TABLE_HEADER);
    const none = cells[1];
    expect(none[0]).toBe('none');
    expect(none[1]).toBe(`1.700±${Math.sqrt(0.02).toFixed(3)}`); // best val 1.8, 1.6
    expect(none[2]).toBe('2'); // both best at epoch 2
    expect(none[3]).toBe(`2.100±${Math.sqrt(0.02).toFixed(3)}`);
    expect(none[7]).toBe(`40.0±${(100 * Math.sqrt(0.02)).toFixed(1)}%`);
    expect(cells[2][4]).toBe('n/a'); // every test loss NaN
  });

  it('aligns the text table and writes a Markdown table with the same cells', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines.length).toBe(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    const md = formatMarkdownTable(rows).split('\n');
    expect(md[0]).toBe(`| ${TABLE_HEADER.join(' | ')} |`);
    expect(md[1]).toMatch(/^\| --- \| ---: \|/);
    expect(md[2].startsWith('| none | 1.700±')).toBe(true);
  });
});
