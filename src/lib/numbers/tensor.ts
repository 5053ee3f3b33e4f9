/**
 * Matrix: the one tensor type of reglab. A row-major float64 block of shape (rows, cols).
 *
 * A sequence of T steps of N rows is one (T*N, D) matrix stored time-major: step t is rows
 * t*N .. t*N+N-1, so `rowsView(seq, t*N, N)` is that step without a copy, and a layer applied to
 * every step (the LSTM's input projection, the decoder) is one matrix product. Left out on purpose: broadcasting, views with strides, dtypes other than
 * float64, an autograd tape (every layer writes its own backward beside its forward).
 */
import { Rng } from './rng';
import { floats, homeFloats } from '../kernels/kernels';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: element (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

/** A named set of parameters (or of their gradients): plain data a learner can print. */
export type Params = Record<string, Matrix>;

function checkDims(rows: number, cols: number, where: string): void {
  if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 0)) {
    throw new RangeError(`${where}: shape must be two non-negative integers, got (${rows}, ${cols})`);
  }
}

/**
 * A (rows, cols) matrix of zeros. During a training step (kernels.ts inArena) its data is a view of the
 * WebAssembly kernels' memory, reused by the next step; otherwise an ordinary Float64Array.
 */
export function zeros(rows: number, cols: number): Matrix {
  checkDims(rows, cols, 'zeros');
  return { rows, cols, data: floats(rows * cols) };
}

export function filled(rows: number, cols: number, value: number): Matrix {
  const m = zeros(rows, cols);
  m.data.fill(value);
  return m;
}

/** Wraps nested arrays (one inner array per row) into a Matrix; rows must have equal length. */
export function fromArray(values: ArrayLike<number>[]): Matrix {
  const rows = values.length;
  const cols = rows === 0 ? 0 : values[0].length;
  const m = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    if (values[i].length !== cols) {
      throw new RangeError(`fromArray: row ${i} has ${values[i].length} values, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) m.data[i * cols + j] = values[i][j];
  }
  return m;
}

/** Wraps a flat row-major array; its length must be rows * cols. */
export function fromFlat(rows: number, cols: number, values: ArrayLike<number>): Matrix {
  checkDims(rows, cols, 'fromFlat');
  if (values.length !== rows * cols) {
    throw new RangeError(`fromFlat: expected ${rows * cols} values for (${rows}, ${cols}), got ${values.length}`);
  }
  return { rows, cols, data: Float64Array.from(values) };
}

export function toArray(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

/** A deep copy of a parameter set: the same names, each matrix cloned (and the same type). */
export function cloneParams<P extends Params>(params: P): P {
  const out: Params = {};
  for (const [name, p] of Object.entries(params)) out[name] = clone(p);
  return out as P;
}

/**
 * cloneParams with the copies in the WebAssembly kernels' memory, for parameters a training loop
 * updates in place: its products then read them where they are, copying nothing.
 */
export function homeParams<P extends Params>(params: P): P {
  const out: Params = {};
  for (const [name, p] of Object.entries(params)) {
    const data = homeFloats(p.data.length);
    data.set(p.data);
    out[name] = { rows: p.rows, cols: p.cols, data };
  }
  return out as P;
}

/** Entries drawn from N(0, std^2). */
export function randn(rows: number, cols: number, rng: Rng, std = 1): Matrix {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal(0, std);
  return m;
}

/** Entries drawn from U(lo, hi). */
export function randu(rows: number, cols: number, rng: Rng, lo: number, hi: number): Matrix {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.uniform(lo, hi);
  return m;
}

export function sameShape(a: Matrix, b: Matrix): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

/** Throws a RangeError naming both shapes when a and b differ in shape. */
export function assertSameShape(a: Matrix, b: Matrix, where: string): void {
  if (!sameShape(a, b)) {
    throw new RangeError(`${where}: shape mismatch (${a.rows}, ${a.cols}) vs (${b.rows}, ${b.cols})`);
  }
}

export function shapeOf(m: Matrix): string {
  return `(${m.rows}, ${m.cols})`;
}

/** Rows start .. start+count-1 of m as a Matrix that shares m's memory (writes go through). */
export function rowsView(m: Matrix, start: number, count: number): Matrix {
  if (!(Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= m.rows)) {
    throw new RangeError(`rowsView: rows ${start}..${start + count - 1} are outside (${m.rows}, ${m.cols})`);
  }
  return { rows: count, cols: m.cols, data: m.data.subarray(start * m.cols, (start + count) * m.cols) };
}

/** Throws a RangeError unless m has exactly shape (rows, cols); `what` names the argument. */
export function assertShape(m: Matrix, rows: number, cols: number, what: string): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`${what}: expected shape (${rows}, ${cols}), got (${m.rows}, ${m.cols})`);
  }
}
