/**
 * The study's table, as the paper prints one: a row per condition with best val loss and its epoch,
 * final val loss, test loss at the best epoch, perplexity exp(test), the final train/val gap and the
 * memorization share; each as mean ± sample std over seeds (epochs as mean and min-max range).
 * Losses are nats per character. As aligned text for a terminal, or as a Markdown table.
 *
 * Left out on purpose: colors, sorting by a column (rows keep the plan's order).
 */
import { ConditionRow, Spread } from './aggregate';

export const TABLE_HEADER = ['condition', 'best val', 'epoch', 'final val', 'test@best', 'ppl', 'gap', 'memorized'];

const pm = (s: Spread, digits: number, scale = 1, unit = ''): string => {
  if (s.n === 0) return 'n/a';
  const text = `${(s.mean * scale).toFixed(digits)}±${(s.std * scale).toFixed(digits)}${unit}`;
  return s.nonFinite > 0 ? `${text} (${s.nonFinite} NaN)` : text;
};

const epochRange = (s: Spread): string => {
  if (s.n === 0) return 'n/a';
  return s.min === s.max ? `${s.mean.toFixed(0)}` : `${s.mean.toFixed(1)} (${s.min}-${s.max})`;
};

/** The cells of the table, header first. */
export function tableCells(rows: readonly ConditionRow[]): string[][] {
  const body = rows.map((r) => {
    const m = r.metrics;
    return [
      r.condition,
      pm(m.bestValLoss, 3),
      epochRange(m.bestEpoch),
      pm(m.finalValLoss, 3),
      pm(m.testLossAtBest, 3),
      pm(m.perplexity, 2),
      pm(m.gap, 3),
      pm(m.memorized, 1, 100, '%'),
    ];
  });
  return [TABLE_HEADER, ...body];
}

/** Aligned plain text: the first column left-aligned, numbers right-aligned. */
export function formatTable(rows: readonly ConditionRow[]): string {
  const cells = tableCells(rows);
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  const line = (row: string[]): string => row.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** The same table in Markdown (for the README). */
export function formatMarkdownTable(rows: readonly ConditionRow[]): string {
  const cells = tableCells(rows);
  const line = (row: string[]): string => `| ${row.join(' | ')} |`;
  const rule = `|${cells[0].map((_, j) => (j === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** What the columns mean, printed under the table. */
export const TABLE_LEGEND = [
  'Losses in nats per character, mean ± sample std over seeds; epoch: mean (min-max) of the best-val epoch.',
  'test@best: test loss of the weights from the best-val epoch; ppl = exp(test@best), per character.',
  'gap: val - train loss (eval mode, no dropout) of the final weights; memorized: share of sampled names',
  'that are verbatim training names, sampled from the final weights (the stop epoch with early stopping).',
].join('\n');
