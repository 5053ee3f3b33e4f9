/**
 * One memory home for the numbers the WebAssembly kernels work on: a shared WebAssembly.Memory whose
 * bytes are handed out as ordinary Float64Array views. A product whose operands are views of this
 * memory runs in place; any other array is copied in first (correct, a little slower).
 *
 * The memory is shared (a SharedArrayBuffer underneath) with a fixed maximum, for two reasons: a
 * worker thread works on the same bytes (the two-thread training step), and growing a shared memory
 * never detaches a view: old views keep working, only new views are cut from the grown buffer.
 *
 * Layout (bytes): [0, 64) a header (the heap top, advanced with Atomics so two threads can allocate);
 * then a scratch region per thread (the GEMM's packed panels, copies of foreign operands); then the heap.
 *
 * Two lifetimes:
 *   - Arena: the buffers of one training step. Bump allocation in chunks the arena keeps; `release`
 *     rewinds, so a training loop reuses the same bytes every step and allocates nothing after the first.
 *   - persistent: weights and optimizer moments. Exact-size free lists; a block returns to its list
 *     when its view is garbage-collected (FinalizationRegistry).
 * Outside an open arena, `floats(n)` is a plain `new Float64Array(n)`: code that never trains (a
 * notebook calling a layer, a gradient check) allocates exactly as before, and nothing can leak.
 *
 * Left out on purpose: freeing the heap back to the system (a wasm memory only grows), more than two
 * threads, moving (compacting) blocks.
 */

export const PAGE = 65536;
const HEADER_BYTES = 64;
const TOP = 0; // Int32 index of the heap top in the header
export const MAX_THREADS = 2;

export class Home {
  readonly memory: WebAssembly.Memory;
  readonly maxBytes: number;
  /** Start of thread t's scratch region is scratchBase + t * scratchBytes. */
  readonly scratchBytes: number;
  private buffers = new WeakSet<ArrayBufferLike>();
  private buffer: ArrayBufferLike;
  private header: Int32Array;
  private free = new Map<number, number[]>();
  private finalizer = new FinalizationRegistry<{ off: number; bytes: number }>((b) => this.freeBlock(b.off, b.bytes));

  /** A new memory (memory omitted) or, in a worker, the main thread's memory. */
  constructor(scratchBytes: number, maxPages: number, memory?: WebAssembly.Memory) {
    this.scratchBytes = scratchBytes;
    this.maxBytes = maxPages * PAGE;
    const heapBase = HEADER_BYTES + MAX_THREADS * scratchBytes;
    const initial = Math.min(maxPages, Math.ceil((heapBase + (4 << 20)) / PAGE));
    this.memory = memory ?? new WebAssembly.Memory({ initial, maximum: maxPages, shared: true });
    this.buffer = this.memory.buffer;
    this.buffers.add(this.buffer);
    this.header = new Int32Array(this.buffer, 0, HEADER_BYTES / 4);
    if (!memory) Atomics.store(this.header, TOP, (heapBase + 63) & ~63);
  }

  scratch(thread: number): number {
    return HEADER_BYTES + thread * this.scratchBytes;
  }

  /** True when v is a view of this memory; then v.byteOffset is its address for the kernels. */
  has(v: Float64Array): boolean {
    return this.buffers.has(v.buffer);
  }

  /** A view of n doubles at byte address off (the memory must already hold it). */
  at(off: number, n: number): Float64Array {
    if (off + 8 * n > this.buffer.byteLength) {
      this.buffer = this.memory.buffer; // grown, here or in the other thread
      this.buffers.add(this.buffer);
    }
    return new Float64Array(this.buffer, off, n);
  }

  /** `bytes` fresh bytes (64-byte aligned) from the heap top, or -1 when the memory is full. */
  take(bytes: number): number {
    bytes = (bytes + 63) & ~63;
    const off = Atomics.add(this.header, TOP, bytes);
    const end = off + bytes;
    if (off < 0 || end > this.maxBytes) return -1;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        if (this.memory.buffer.byteLength < end) return -1; // the other thread may have grown it meanwhile
      }
    }
    return off;
  }

  /** A zeroed persistent view of n doubles (freed when the view is collected), or null when full. */
  persistent(n: number): Float64Array | null {
    const bytes = Math.max(64, (8 * n + 63) & ~63);
    const list = this.free.get(bytes);
    const off = list && list.length > 0 ? list.pop()! : this.take(bytes);
    if (off < 0) return null;
    const v = this.at(off, n);
    v.fill(0);
    this.finalizer.register(v, { off, bytes });
    return v;
  }

  private freeBlock(off: number, bytes: number): void {
    let list = this.free.get(bytes);
    if (!list) this.free.set(bytes, (list = []));
    list.push(off);
  }
}

/** Where an arena stood: `release(mark)` returns it there. */
export interface ArenaMark { chunk: number; top: number }

/** Bump allocation in chunks that are kept when the arena is released, so the next step reuses them. */
export class Arena {
  private chunks: { off: number; bytes: number }[] = [];
  private chunk = -1;
  private top = 0;

  /**
   * zero(off, bytes) clears fresh views: the kernels' memory.fill (a typed array's fill on shared
   * memory runs about 8x slower here: 12 GB/s against 100); without it, fill(0).
   */
  constructor(private home: Home, private chunkBytes = 4 << 20, private zero?: (off: number, bytes: number) => void) {}

  /** Bytes the arena holds (used or not). */
  get bytes(): number {
    return this.chunks.reduce((s, c) => s + c.bytes, 0);
  }

  mark(): ArenaMark {
    return { chunk: this.chunk, top: this.top };
  }

  /** Every view handed out since `m` is given back (and will be handed out again). */
  release(m: ArenaMark): void {
    this.chunk = m.chunk;
    this.top = m.top;
  }

  /** A zeroed view of n doubles, or null when the memory is full. */
  alloc(n: number): Float64Array | null {
    const bytes = Math.max(64, (8 * n + 63) & ~63);
    for (;;) {
      if (this.chunk >= 0 && this.top + bytes <= this.chunks[this.chunk].bytes) {
        const off = this.chunks[this.chunk].off + this.top;
        const v = this.home.at(off, n);
        this.top += bytes;
        if (this.zero) this.zero(off, 8 * n);
        else v.fill(0);
        return v;
      }
      if (this.chunk + 1 < this.chunks.length && this.chunks[this.chunk + 1].bytes >= bytes) {
        this.chunk++;
        this.top = 0;
        continue;
      }
      const size = Math.max(this.chunkBytes, 2 * bytes);
      const off = this.home.take(size);
      if (off < 0) return null;
      this.chunks.splice(this.chunk + 1, 0, { off, bytes: size });
      this.chunk++;
      this.top = 0;
    }
  }
}
