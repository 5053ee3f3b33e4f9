/**
 * Which kernels run: the WebAssembly SIMD ones (src/tools/kernels/ generates them; the bytes are in
 * wasm-bytes.ts) or the plain JavaScript reference kernels the layers are written in. Both give the
 * same bits for every input (tests/lib/kernels/ checks it shape by shape); the WebAssembly ones are
 * faster (the matrix products about 5x, the LSTM cell about 2x).
 *
 *   REGLAB_KERNEL=js     always the JavaScript kernels
 *   (unset) or =wasm     WebAssembly, unless this JavaScript engine lacks SIMD or shared memory: then
 *                        the JavaScript kernels, and one line on stderr says so
 *
 * The layers ask `wasmCall(name, sizes, arrays, extra)`: it runs the kernel and returns true when
 * WebAssembly is in force and every array is a view of the kernels' memory (see home.ts), else returns
 * false and the caller runs its JavaScript loop. Products go through `wasmGemm`, which also copies
 * operands that live elsewhere (a product is worth the copy; a pointwise loop is not).
 *
 * Left out on purpose: choosing kernels per call by size, a pure-wasm (non-SIMD) fallback.
 */
import { Arena, Home } from './home';
import { KERNELS_MAX_PAGES, KERNELS_SCRATCH_BYTES, KERNELS_WASM_BASE64 } from './wasm-bytes';

export type KernelKind = 'wasm' | 'js';

/** One thread's kernels: the instance, the memory home, the step arena, and an arena for copies. */
export interface WasmKernels {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly x: Record<string, (...args: number[]) => any>;
  readonly home: Home;
  readonly arena: Arena;
  readonly copies: Arena;
  readonly thread: number;
}

let loaded: WasmKernels | null | undefined; // undefined: not tried yet; null: unavailable
let forcedJs = process.env.REGLAB_KERNEL === 'js';
let arenaDepth = 0;
let compiled: WebAssembly.Module | null = null;

/** The compiled module (shared by the threads). */
export function kernelModule(): WebAssembly.Module {
  return (compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64')));
}

function instantiate(home: Home, thread: number): WasmKernels {
  const inst = new WebAssembly.Instance(kernelModule(), { env: { memory: home.memory } });
  const x = inst.exports as unknown as WasmKernels['x'] & { scratch: WebAssembly.Global };
  x.scratch.value = home.scratch(thread);
  const zero = (off: number, bytes: number): void => x.zero(off, bytes);
  return { x, home, arena: new Arena(home, undefined, zero), copies: new Arena(home, 1 << 20, zero), thread };
}

function load(): WasmKernels | null {
  try {
    const ok = WebAssembly.validate(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    if (!ok) throw new Error('this engine cannot compile WebAssembly SIMD with shared memory');
    return instantiate(new Home(KERNELS_SCRATCH_BYTES, KERNELS_MAX_PAGES), 0);
  } catch (e) {
    process.stderr.write(`reglab: WebAssembly SIMD kernels unavailable (${(e as Error).message}); using the JavaScript kernels (slower, same results)\n`);
    return null;
  }
}

/** The WebAssembly kernels, or null when the JavaScript kernels are in force. */
export function wasmKernels(): WasmKernels | null {
  if (forcedJs) return null;
  if (loaded === undefined) loaded = load();
  return loaded;
}

/** Which kernels run now. */
export function kernelKind(): KernelKind {
  return wasmKernels() ? 'wasm' : 'js';
}

/** Forces the JavaScript kernels ('js') or goes back to WebAssembly where available ('wasm'): for the benchmark and tests. */
export function useKernels(kind: KernelKind): void {
  forcedJs = kind === 'js';
}

/** In a worker thread: work on the main thread's memory, with scratch region `thread`. Call before any kernel. */
export function joinKernels(memory: WebAssembly.Memory, thread: number): WasmKernels {
  loaded = instantiate(new Home(KERNELS_SCRATCH_BYTES, KERNELS_MAX_PAGES, memory), thread);
  return loaded;
}

/** n zeros: inside an arena (a training step) a view of the kernels' memory, else an ordinary array. */
export function floats(n: number): Float64Array {
  const k = arenaDepth > 0 ? wasmKernels() : null;
  return (k && k.arena.alloc(n)) || new Float64Array(n);
}

/** n zeros that live as long as the array is referenced (weights, optimizer moments): in the kernels' memory when WebAssembly runs. */
export function homeFloats(n: number): Float64Array {
  const k = wasmKernels();
  return (k && k.home.persistent(n)) || new Float64Array(n);
}

/** True when v is a view of the kernels' memory. */
export function isHome(v: Float64Array): boolean {
  const k = wasmKernels();
  return k !== null && k.home.has(v);
}

/**
 * Runs fn with the step arena open: `floats` hands out views of the kernels' memory, and every one of
 * them is reused after fn returns. Whatever fn returns must not hold such a view (copy it out).
 */
export function inArena<T>(fn: () => T): T {
  const k = wasmKernels();
  if (!k) return fn();
  const mark = k.arena.mark();
  arenaDepth++;
  try {
    return fn();
  } finally {
    arenaDepth--;
    k.arena.release(mark);
  }
}

/**
 * kernel(sizes..., addresses of arrays..., extra...) when WebAssembly runs and every array is a view
 * of its memory; returns whether it ran.
 */
export function wasmCall(name: string, sizes: number[], arrays: Float64Array[], extra: number[] = []): boolean {
  const k = wasmKernels();
  if (!k) return false;
  const args = sizes.slice();
  for (const a of arrays) {
    if (!k.home.has(a)) return false;
    args.push(a.byteOffset);
  }
  k.x[name](...args, ...extra);
  return true;
}

/** C (+)= op(A)·op(B) by the WebAssembly kernel (copying operands that live elsewhere); false when the JS kernels are in force. */
export function wasmGemm(kind: 'NN' | 'NT' | 'TN', M: number, N: number, K: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean): boolean {
  const k = wasmKernels();
  if (!k) return false;
  const fn = k.x[`gemm${kind}`];
  const { home } = k;
  if (home.has(a) && home.has(b) && home.has(c)) {
    fn(M, N, K, a.byteOffset, b.byteOffset, c.byteOffset, accumulate ? 1 : 0);
    return true;
  }
  const mark = k.copies.mark();
  try {
    const inside = (v: Float64Array, n: number, copyIn: boolean): Float64Array | null => {
      if (home.has(v)) return v;
      const w = k.copies.alloc(n);
      if (w && copyIn) w.set(v.subarray(0, n));
      return w;
    };
    const pa = inside(a, M * K, true), pb = inside(b, K * N, true), pc = inside(c, M * N, accumulate);
    if (!pa || !pb || !pc) return false; // memory full: the JS kernel does it
    fn(M, N, K, pa.byteOffset, pb.byteOffset, pc.byteOffset, accumulate ? 1 : 0);
    if (pc !== c) c.set(pc);
    return true;
  } finally {
    k.copies.release(mark);
  }
}

/**
 * B's full-block columns packed once for many products `gemm${kind}p` (see matmul.ts prepareB): a
 * view in the step arena, or null outside a step, without WebAssembly, or when b is not in the
 * kernels' memory (then each product packs B itself, as always).
 */
export function wasmPackB(kind: 'NN' | 'NT', K: number, N: number, b: Float64Array): Float64Array | null {
  const k = arenaDepth > 0 ? wasmKernels() : null;
  if (!k || !k.home.has(b)) return null;
  const out = k.arena.alloc(Math.max(1, K * (N & ~3)));
  if (!out) return null;
  k.x[`packB${kind}`](K, N, b.byteOffset, out.byteOffset);
  return out;
}

/** C (+)= op(A)·op(B) with B packed by wasmPackB; false (the caller runs the ordinary product) unless a, b, c are in the kernels' memory. */
export function wasmGemmPacked(kind: 'NN' | 'NT', M: number, N: number, K: number,
  a: Float64Array, b: Float64Array, packed: Float64Array, c: Float64Array, accumulate: boolean): boolean {
  const k = wasmKernels();
  if (!k || !k.home.has(a) || !k.home.has(b) || !k.home.has(c) || !k.home.has(packed)) return false;
  k.x[`gemm${kind}p`](M, N, K, a.byteOffset, b.byteOffset, packed.byteOffset, c.byteOffset, accumulate ? 1 : 0);
  return true;
}
