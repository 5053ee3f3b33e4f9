/**
 * WAT for the three GEMM kernels (NN, NT, TN) with f64x2 SIMD, reproducing matmul.ts's summation order
 * exactly: for each element of the full 4x4 blocks (i < M4, j < N4), per k-panel of KC: s = 0; s += a*b
 * for k in the panel in order; c += s. For the edge elements: s = 0; s += a*b over all K; c += s.
 * Without `accumulate`, C is first filled with +0 (as c.fill(0)).
 *
 * The lanes of a v128 hold two adjacent columns j, j+1 of one row of C: each lane does exactly the
 * scalar kernel's multiplies and adds, in the same order, so results are bit-identical (no FMA).
 *
 * Packing (copies only, no arithmetic): per k-panel and column chunk of up to NC columns, the B panel is
 * copied into scratch as strips of kn rows of 4 (Bp), and per 4-row block of A the block is copied as
 * kn rows of 4 (Ap); the micro-kernel then reads both sequentially, whatever the kind. Loop order:
 * chunk of columns, k-panel, 4-row block i, 4-column strip j. None of this changes any element's sum.
 * (Unpacked, a strip of B whose rows are 4 KB apart maps to a few L1 sets: NN ran at 11 GFLOP/s instead
 * of 19-26.)
 *
 * The k loop is not unrolled: unrolled by 2 or 4, V8's TurboFan schedules all of the body's loads
 * first and spills accumulators, and runs at 13 instead of 20 GFLOP/s.
 *
 * Scratch: the kernels read the per-thread scratch address from the global $scratch (GEMM_SCRATCH bytes).
 */

export type Kind = 'NN' | 'NT' | 'TN';
export const KC = 128;
export const NC = 512;
/** Scratch bytes the kernels need: Ap (KC x 4) then Bp (KC x NC). */
export const GEMM_SCRATCH = 8 * (KC * 4 + KC * NC);

const g = (n: string) => `(local.get $${n})`;
const set = (n: string, v: string) => `(local.set $${n} ${v})`;
const i32 = (n: number) => `(i32.const ${n})`;
const add = (a: string, b: string) => `(i32.add ${a} ${b})`;
const mul = (a: string, b: string) => `(i32.mul ${a} ${b})`;
const inc = (n: string, by: string) => set(n, add(g(n), by));

/** A `for (v = from; v < to; v += step) body` loop. */
function forLoop(v: string, from: string, to: string, step: string, body: string[], unsigned = false): string[] {
  return [
    set(v, from),
    `(block $${v}_done (loop $${v}_loop`,
    `  (br_if $${v}_done (i32.ge_${unsigned ? 'u' : 's'} ${g(v)} ${to}))`,
    ...body.map((s) => '  ' + s),
    `  ${inc(v, step)}`,
    `  (br $${v}_loop)))`,
  ];
}

/**
 * Element addresses (bytes) by kind: A(i, k) and B(k, j) in row-major storage.
 *   NN: A (M, K), B (K, N);  NT: A (M, K), B stored (N, K);  TN: A stored (K, M), B (K, N).
 */
function aAddr(kind: Kind, i: string, k: string): string {
  return kind === 'TN' ? add(g('a'), mul(add(mul(k, g('M')), i), i32(8))) : add(g('a'), mul(add(mul(i, g('K')), k), i32(8)));
}
function bAddr(kind: Kind, k: string, j: string): string {
  return kind === 'NT' ? add(g('b'), mul(add(mul(j, g('K')), k), i32(8))) : add(g('b'), mul(add(mul(k, g('N')), j), i32(8)));
}

/** Ap[k*4 + r] = A(i + r, k0 + k), k < kn. */
function packA(kind: Kind): string[] {
  if (kind === 'TN') {
    // rows of A's storage are k: A(i..i+3, k) are 4 adjacent doubles
    return [
      set('src', aAddr(kind, g('i'), g('k0'))), set('dst', '(global.get $scratch)'), set('step', mul(g('M'), i32(8))),
      ...forLoop('k', i32(0), g('kn'), i32(1), [
        `(v128.store ${g('dst')} (v128.load ${g('src')}))`,
        `(v128.store offset=16 ${g('dst')} (v128.load offset=16 ${g('src')}))`,
        inc('src', g('step')), inc('dst', i32(32)),
      ]),
    ];
  }
  // rows of A's storage are i: gather one double from each of 4 rows
  return [
    set('src', aAddr(kind, g('i'), g('k0'))), set('dst', '(global.get $scratch)'), set('step', mul(g('K'), i32(8))),
    ...forLoop('k', i32(0), g('kn'), i32(1), [
      `(f64.store offset=0 ${g('dst')} (f64.load ${g('src')}))`,
      `(f64.store offset=8 ${g('dst')} (f64.load ${add(g('src'), g('step'))}))`,
      `(f64.store offset=16 ${g('dst')} (f64.load ${add(g('src'), mul(g('step'), i32(2)))}))`,
      `(f64.store offset=24 ${g('dst')} (f64.load ${add(g('src'), mul(g('step'), i32(3)))}))`,
      inc('src', i32(8)), inc('dst', i32(32)),
    ]),
  ];
}

/**
 * Bp[(s*kn + k)*4 + c] = B(k0 + k, j0 + 4s + c) for the strips s of the chunk [j0, jend), written from
 * address `dst0` on (leaves $dst just past the panel).
 */
function packB(kind: Kind, dst0: string): string[] {
  const strip: string[] = kind === 'NT'
    ? [ // B's storage rows are j: gather from 4 rows
      set('src', bAddr(kind, g('k0'), g('j'))), set('step', mul(g('K'), i32(8))),
      ...forLoop('k', i32(0), g('kn'), i32(1), [
        `(f64.store offset=0 ${g('dst')} (f64.load ${g('src')}))`,
        `(f64.store offset=8 ${g('dst')} (f64.load ${add(g('src'), g('step'))}))`,
        `(f64.store offset=16 ${g('dst')} (f64.load ${add(g('src'), mul(g('step'), i32(2)))}))`,
        `(f64.store offset=24 ${g('dst')} (f64.load ${add(g('src'), mul(g('step'), i32(3)))}))`,
        inc('src', i32(8)), inc('dst', i32(32)),
      ]),
    ]
    : [ // B's storage rows are k: B(k, j..j+3) are 4 adjacent doubles
      set('src', bAddr(kind, g('k0'), g('j'))), set('step', mul(g('N'), i32(8))),
      ...forLoop('k', i32(0), g('kn'), i32(1), [
        `(v128.store ${g('dst')} (v128.load ${g('src')}))`,
        `(v128.store offset=16 ${g('dst')} (v128.load offset=16 ${g('src')}))`,
        inc('src', g('step')), inc('dst', i32(32)),
      ]),
    ];
  return [set('dst', dst0), ...forLoop('j', g('j0'), g('jend'), i32(4), strip)];
}

/** One k of the 4x4 micro-kernel: B's 4 values at pb (2 vectors), A's 4 at pa (splatted one by one), 8 multiply-adds. */
function microStep(): string[] {
  const out = [set('y0', `(v128.load ${g('pb')})`), set('y1', `(v128.load offset=16 ${g('pb')})`)];
  for (let r = 0; r < 4; r++) {
    out.push(set('x', `(v128.load64_splat offset=${8 * r} ${g('pa')})`));
    for (let v = 0; v < 2; v++) out.push(set(`c${r}${v}`, `(f64x2.add ${g(`c${r}${v}`)} (f64x2.mul ${g('x')} ${g(`y${v}`)}))`));
  }
  return out;
}

const ACCS = [0, 1, 2, 3].flatMap((r) => [`c${r}0`, `c${r}1`]);

/** kn: the depth of the k-panel at k0 (KC, or what is left of K); jend: the end of the column chunk at j0 (NC columns, or up to N4). */
const panelDepth = set('kn', `(select ${i32(KC)} (i32.sub ${g('K')} ${g('k0')}) (i32.lt_s ${i32(KC)} (i32.sub ${g('K')} ${g('k0')})))`);
const chunkEnd = set('jend', `(select ${add(g('j0'), i32(NC))} ${g('N4')} (i32.lt_s ${add(g('j0'), i32(NC))} ${g('N4')}))`);

/** Where each (column chunk, k-panel) of B starts in a packed B: the panels in the kernel's loop order, K x N4 doubles in all. */
const nextPanel = [set('bpan', g('bnext')), set('bnext', add(g('bnext'), mul(mul(g('kn'), `(i32.sub ${g('jend')} ${g('j0')})`), i32(8))))];

/**
 * gemmNN / gemmNT / gemmTN(M, N, K, a, b, c, accumulate): byte addresses, as matmul.ts's functions.
 * With `packed` (gemmNNp, gemmNTp: M, N, K, a, b, bp, c, accumulate): B's full-block columns are read
 * from bp, B already packed by packB${kind} (the recurrent weights, read by every time step's product,
 * are packed once per sequence instead of once per step); the edge columns still read b.
 */
export function gemmFunc(kind: Kind, packed = false): string {
  const L: string[] = [];
  const name = `gemm${kind}${packed ? 'p' : ''}`;
  L.push(`(func $${name} (export "${name}")`);
  L.push(`  (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $b i32) ${packed ? '(param $bp i32) ' : ''}(param $c i32) (param $accumulate i32) (local $bpan i32) (local $bnext i32)`);
  L.push(`  (local $M4 i32) (local $N4 i32) (local $i i32) (local $j i32) (local $j0 i32) (local $jend i32) (local $k0 i32) (local $kn i32) (local $k i32)`);
  L.push(`  (local $src i32) (local $dst i32) (local $step i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $sc i32) (local $end i32) (local $s f64)`);
  L.push(`  (local $x v128) (local $y0 v128) (local $y1 v128) ${ACCS.map((a) => `(local $${a} v128)`).join(' ')}`);
  L.push(set('sc', mul(g('N'), i32(8))));
  L.push(`(if (i32.eqz ${g('accumulate')}) (then (memory.fill ${g('c')} ${i32(0)} ${mul(mul(g('M'), g('N')), i32(8))})))`);
  L.push(set('M4', `(i32.and ${g('M')} ${i32(-4)})`));
  L.push(set('N4', `(i32.and ${g('N')} ${i32(-4)})`));
  // one 4x4 block of C for the panel: accumulators from 0, k in order, then C += accumulators
  const micro: string[] = [
    ...ACCS.map((a) => set(a, '(v128.const i64x2 0 0)')),
    set('pa', '(global.get $scratch)'),
    set('end', add(g('pb'), mul(g('kn'), i32(32)))),
    `(block $k_done (loop $k_loop`,
    `  (br_if $k_done (i32.ge_u ${g('pb')} ${g('end')}))`,
    ...microStep().map((x) => '  ' + x),
    `  ${inc('pa', i32(32))} ${inc('pb', i32(32))}`,
    `  (br $k_loop)))`,
    set('pc', add(g('c'), mul(add(mul(g('i'), g('N')), g('j')), i32(8)))),
  ];
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < 2; v++) micro.push(`(v128.store offset=${16 * v} ${g('pc')} (f64x2.add (v128.load offset=${16 * v} ${g('pc')}) ${g(`c${r}${v}`)}))`);
    if (r < 3) micro.push(inc('pc', g('sc')));
  }
  const blockRow: string[] = [
    ...packA(kind),
    set('pb', g('bpan')),
    ...forLoop('j', g('j0'), g('jend'), i32(4), micro),
  ];
  const panel: string[] = [
    panelDepth,
    ...(packed ? nextPanel : [set('bpan', add('(global.get $scratch)', i32(8 * KC * 4))), ...packB(kind, g('bpan'))]),
    ...forLoop('i', i32(0), g('M4'), i32(4), blockRow),
  ];
  const chunk: string[] = [
    chunkEnd,
    ...forLoop('k0', i32(0), g('K'), i32(KC), panel),
  ];
  if (packed) L.push(set('bnext', g('bp')));
  L.push(...forLoop('j0', i32(0), g('N4'), i32(NC), chunk));
  // ---- edges: rows i < M4 at columns j >= N4, and rows i >= M4 at every column; full-K dot products
  L.push(`(if (i32.and (i32.eq ${g('M4')} ${g('M')}) (i32.eq ${g('N4')} ${g('N')})) (then (return)))`);
  const [aRow, aK] = kind === 'TN' ? [i32(8), mul(g('M'), i32(8))] : [mul(g('K'), i32(8)), i32(8)];
  const [bCol, bK] = kind === 'NT' ? [mul(g('K'), i32(8)), i32(8)] : [i32(8), mul(g('N'), i32(8))];
  const dot: string[] = [
    set('s', '(f64.const 0)'),
    set('pa', add(g('a'), mul(g('i'), aRow))),
    set('pb', add(g('b'), mul(g('j'), bCol))),
    set('src', aK), set('step', bK),
    ...forLoop('k', i32(0), g('K'), i32(1), [
      set('s', `(f64.add ${g('s')} (f64.mul (f64.load ${g('pa')}) (f64.load ${g('pb')})))`),
      inc('pa', g('src')), inc('pb', g('step')),
    ]),
    set('pc', add(g('c'), mul(add(mul(g('i'), g('N')), g('j')), i32(8)))),
    `(f64.store ${g('pc')} (f64.add (f64.load ${g('pc')}) ${g('s')}))`,
  ];
  L.push(...forLoop('i', i32(0), g('M'), i32(1), forLoop('j', `(select ${g('N4')} ${i32(0)} (i32.lt_s ${g('i')} ${g('M4')}))`, g('N'), i32(1), dot)));
  L.push(`)`);
  return L.join('\n');
}

/** packBNN / packBNT(K, N, b, out): B's full-block columns packed as gemm${kind}p reads them (K x N4 doubles at out). */
export function packFunc(kind: Kind): string {
  const L: string[] = [];
  L.push(`(func (export "packB${kind}") (param $K i32) (param $N i32) (param $b i32) (param $out i32)`);
  L.push(`  (local $N4 i32) (local $j i32) (local $j0 i32) (local $jend i32) (local $k0 i32) (local $kn i32) (local $k i32) (local $src i32) (local $dst i32) (local $step i32)`);
  L.push(set('N4', `(i32.and ${g('N')} ${i32(-4)})`));
  L.push(set('dst', g('out')));
  const panel = [
    panelDepth,
    ...packB(kind, g('dst')),
  ];
  const chunk = [
    chunkEnd,
    ...forLoop('k0', i32(0), g('K'), i32(KC), panel),
  ];
  L.push(...forLoop('j0', i32(0), g('N4'), i32(NC), chunk));
  L.push(')');
  return L.join('\n');
}
