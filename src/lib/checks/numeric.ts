/**
 * Reading whatever a learner's code returned as numbers, for the assertions: a number, an array, a
 * typed array, nested arrays, or a Matrix {rows, cols, data}. Anything else is a check failure
 * ("got undefined"), never a crash. Also short previews of values for messages.
 *
 * Left out on purpose: tensors beyond two dimensions.
 */
import { formatNumber } from '../text/format';
import { CheckFailure } from './failure';

export interface Flat { shape: number[]; data: ArrayLike<number> }

const isMatrix = (v: any): boolean => v !== null && typeof v === 'object' && typeof v.rows === 'number' && typeof v.cols === 'number' && v.data && typeof v.data.length === 'number';

/** Flattens `value` row-major with its shape; throws CheckFailure naming `what` if it is not numeric. */
export function flatten(value: unknown, what: string, role: 'got' | 'expected'): Flat {
  const fail = (why: string): never => {
    throw new CheckFailure(`${what}: ${role === 'got' ? 'the result' : 'the expected value'} ${why}`, { got: role === 'got' ? preview(value) : undefined });
  };
  if (typeof value === 'number') return { shape: [], data: [value] };
  if (isMatrix(value)) {
    const m = value as { rows: number; cols: number; data: ArrayLike<number> };
    if (m.data.length !== m.rows * m.cols) fail(`is a Matrix (${m.rows}, ${m.cols}) with ${m.data.length} values`);
    return { shape: [m.rows, m.cols], data: m.data };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return { shape: [(value as unknown as ArrayLike<number>).length], data: value as unknown as ArrayLike<number> };
  if (Array.isArray(value)) {
    if (value.length > 0 && Array.isArray(value[0])) {
      const cols = (value[0] as unknown[]).length;
      const data: number[] = [];
      for (const row of value) {
        if (!Array.isArray(row) || row.length !== cols) fail('is a ragged nested array');
        for (const v of row as unknown[]) data.push(typeof v === 'number' ? v : fail(`is a nested array holding a ${typeof v}`));
      }
      return { shape: [value.length, cols], data };
    }
    for (const v of value) if (typeof v !== 'number') fail(`is an array holding a ${typeof v}`);
    return { shape: [value.length], data: value as number[] };
  }
  return fail(`is not numbers (${value === null ? 'null' : typeof value})`);
}

/** "(2, 3)" or "scalar". */
export const shapeText = (shape: number[]): string => (shape.length === 0 ? 'scalar' : `(${shape.join(', ')})`);

/** The row-major position of a flat index: "[1, 1]" for index 4 in shape (2, 3), "[4]" in 1-D, "" for a scalar. */
export function indexText(shape: number[], flatIndex: number): string {
  if (shape.length === 0) return '';
  if (shape.length === 1) return `[${flatIndex}]`;
  return `[${Math.floor(flatIndex / shape[1])}, ${flatIndex % shape[1]}]`;
}

/** A short, never-throwing description of any value for `got:` lines (numbers with 7 digits, first values of arrays). */
export function preview(value: unknown, max = 200): string {
  try {
    let s: string;
    if (typeof value === 'number') s = formatNumber(value, 7);
    else if (typeof value === 'string') s = JSON.stringify(value);
    else if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'bigint') s = String(value);
    else if (typeof value === 'function') s = `function ${value.name || '(anonymous)'}`;
    else if (isMatrix(value)) {
      const m = value as { rows: number; cols: number; data: ArrayLike<number> };
      s = `Matrix (${m.rows}, ${m.cols}) ${numbersPreview(m.data)}`;
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) s = `${value.constructor.name} ${numbersPreview(value as unknown as ArrayLike<number>)}`;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) s = numbersPreview(value);
    else s = JSON.stringify(value) ?? String(value);
    return s.length > max ? s.slice(0, max - 3) + '...' : s;
  } catch {
    return '(a value that cannot be printed)';
  }
}

function numbersPreview(a: ArrayLike<number>, n = 6): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, a.length); i++) parts.push(formatNumber(a[i], 5));
  return `[${parts.join(', ')}${a.length > n ? `, ... (${a.length} values)` : ''}]`;
}
