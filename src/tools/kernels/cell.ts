/**
 * WAT for the LSTM cell's pointwise loops, the four functions of src/lib/layers/lstm-cell.ts, f64x2 over
 * pairs of units j, j+1 (the units a pass cannot fill, at the end of a row, go to the scalar functions).
 * Each lane does the JS expression's operations in the JS order, so the results are bit-identical.
 *
 * Byte addresses; G and dA rows are 4H long (gate blocks i, f, o, g), the others H long; N rows.
 *   lstmGatesForward(N, H, G, cPrev, c):            G <- σ, σ, σ, tanh of G;  c = f*cPrev + i*g
 *   lstmOutputForward(N, H, G, z, tc, h):           tc = tanh(z);  h = o*tc   (o from G's o block)
 *   lstmOutputBackward(N, H, G, tc, dh, dz, dA, acc): v = dh*o*(1 - tc*tc); dz = acc ? dz + v : v;
 *                                                     da_o = dh*tc*o*(1-o)
 *   lstmGatesBackward(N, H, G, cPrev, dc, dA):      da_i = dc*g*i*(1-i), da_f = dc*cPrev*f*(1-f),
 *                                                     da_g = dc*i*(1-g*g);  dc = dc*f
 */
import { f, get, locals, set, v } from './wat';
import { GroupParts, groupParts } from './math';

const add = (a: string, b: string) => `(i32.add ${a} ${b})`;
const ic = (n: number) => `(i32.const ${n})`;
const inc = (n: string, by: string) => set(n, add(get(n), by));
const H8 = `(i32.shl ${get('H')} ${ic(3)})`;
const H32 = `(i32.shl ${get('H')} ${ic(5)})`;
/** Address of unit j in row pointer p (jb = 8j). */
const J = (p: string) => add(get(p), get('jb'));

/** for each of the N rows: body, then each pointer advances by its row stride. */
function rows(strides: [string, string][], body: string[]): string[] {
  return [
    set('n', ic(0)),
    `(block $rows_done (loop $rows`,
    `  (br_if $rows_done (i32.ge_s ${get('n')} ${get('N')}))`,
    ...body.map((s) => '  ' + s),
    ...strides.map(([p, s]) => `  ${inc(p, s)}`),
    `  ${inc('n', ic(1))}`,
    `  (br $rows)))`,
  ];
}
/** Units j in steps of w while j + w <= H (jb = 8j in the body). */
function units(label: string, w: number, body: string[]): string[] {
  return [
    `(block $${label}_done (loop $${label}`,
    `  (br_if $${label}_done (i32.gt_s ${add(get('j'), ic(w))} ${get('H')}))`,
    `  ${set('jb', `(i32.shl ${get('j')} ${ic(3)})`)}`,
    ...body.map((s) => '  ' + s),
    `  ${inc('j', ic(w))}`,
    `  (br $${label})))`,
  ];
}
/** Pointers to the f, o, g blocks of the row at p (p itself is the i block). */
const blocks = (p: string) => [set(`${p}1`, add(get(p), H8)), set(`${p}2`, add(get(`${p}1`), H8)), set(`${p}3`, add(get(`${p}2`), H8))];
const blk = (p: string, b: number) => (b === 0 ? J(p) : J(`${p}${b}`));

/**
 * The forward loops' shape: rows of H units, w units per pass of the fast loop, whose body holds no
 * call. A pass whose inputs hold a rare lane (see math.ts), and the last units of a row when w does not
 * divide H, leave the fast loop for the scalar code (unit by unit), which then jumps back in. (With the
 * scalar calls inside the loop, as an if/else, V8 keeps the chains' constants and temporaries in stack
 * slots around the calls: the activations ran 30-40% slower.)
 */
function fastRows(o: { strides: [string, string][]; rowSetup: string[]; w: number; loads: string[]; group: GroupParts; stores: string[]; scalarUnit: string[] }): string[] {
  return [
    `(if (i32.le_s ${get('N')} ${ic(0)}) (then (return)))`,
    set('n', ic(0)), set('j', ic(0)), ...o.rowSetup,
    `(block $done (loop $restart`,
    `  (block $slow (loop $fast`,
    `    (if (i32.gt_s ${add(get('j'), ic(o.w))} ${get('H')}) (then`,
    `      (br_if $slow (i32.lt_s ${get('j')} ${get('H')}))`,
    ...o.strides.map(([p, st]) => `      ${inc(p, st)}`),
    `      ${inc('n', ic(1))} ${set('j', ic(0))}`,
    `      (br_if $done (i32.ge_s ${get('n')} ${get('N')}))`,
    ...o.rowSetup.map((x) => '      ' + x),
    `      (br $fast)))`,
    `    ${set('jb', `(i32.shl ${get('j')} ${ic(3)})`)}`,
    ...o.loads.map((x) => '    ' + x),
    `    (br_if $slow ${o.group.rare})`,
    ...o.group.vector.map((x) => '    ' + x),
    ...o.stores.map((x) => '    ' + x),
    `    ${inc('j', ic(o.w))}`,
    `    (br $fast)))`,
    `  ;; units j .. min(j + w, H) - 1 by the scalar functions, then back to the fast loop`,
    `  ${set('end', `(select ${add(get('j'), ic(o.w))} ${get('H')} (i32.lt_s ${add(get('j'), ic(o.w))} ${get('H')}))`)}`,
    `  (block $units_done (loop $units`,
    `    (br_if $units_done (i32.ge_s ${get('j')} ${get('end')}))`,
    `    ${set('jb', `(i32.shl ${get('j')} ${ic(3)})`)}`,
    ...o.scalarUnit.map((x) => '    ' + x),
    `    ${inc('j', ic(1))}`,
    `    (br $units)))`,
    `  (br $restart)))`,
  ];
}

/** Pairs of units per pass of lstmGatesForward's fast loop (four chains each, interleaved). */
const GATE_PAIRS = 2;

export function lstmGatesForward(): string {
  const P = Array.from({ length: GATE_PAIRS }, (_, p) => p);
  const name = (b: string, p: number) => `${b}${p}`;
  const gates = ['i', 'f', 'o', 'g'];
  const group = groupParts(P.flatMap(() => ['sigmoid', 'sigmoid', 'sigmoid', 'tanh'] as const), P.flatMap((p) => gates.map((q) => name('x' + q, p))), P.flatMap((p) => gates.map((q) => name('v' + q, p))), 'g');
  const loads = P.flatMap((p) => gates.map((q, b) => set(name('x' + q, p), v.load(blk('g', b), 16 * p))));
  const stores = P.flatMap((p) => [
    ...gates.map((q, b) => v.store(blk('g', b), get(name('v' + q, p)), 16 * p)),
    v.store(J('c'), v.add(v.mul(get(name('vf', p)), v.load(J('cp'), 16 * p)), v.mul(get(name('vi', p)), get(name('vg', p)))), 16 * p),
  ]);
  const scalarUnit = [
    set('si', `(call $sigmoid ${f.load(blk('g', 0))})`), set('sf', `(call $sigmoid ${f.load(blk('g', 1))})`),
    set('so', `(call $sigmoid ${f.load(blk('g', 2))})`), set('sg', `(call $tanh ${f.load(blk('g', 3))})`),
    f.store(blk('g', 0), get('si')), f.store(blk('g', 1), get('sf')), f.store(blk('g', 2), get('so')), f.store(blk('g', 3), get('sg')),
    f.store(J('c'), f.add(f.mul(get('sf'), f.load(J('cp'))), f.mul(get('si'), get('sg')))),
  ];
  return `(func (export "lstmGatesForward") (param $N i32) (param $H i32) (param $g i32) (param $cp i32) (param $c i32)
  ${locals('i32', 'n', 'j', 'jb', 'end', 'g1', 'g2', 'g3')} ${locals('v128', ...P.flatMap((p) => gates.flatMap((q) => [name('x' + q, p), name('v' + q, p)])))} ${group.locals} ${locals('f64', 'si', 'sf', 'so', 'sg')}
  ${fastRows({ strides: [['g', H32], ['cp', H8], ['c', H8]], rowSetup: blocks('g'), w: 2 * GATE_PAIRS, loads, group, stores, scalarUnit }).join('\n  ')})`;
}

/** Vectors per pass of lstmOutputForward's fast loop (tanh chains interleaved): 2 units each. */
const OUT_VECTORS = 4;

export function lstmOutputForward(): string {
  const k = OUT_VECTORS, ins = Array.from({ length: k }, (_, m) => `z${m}`), outs = Array.from({ length: k }, (_, m) => `t${m}`);
  const group = groupParts(ins.map(() => 'tanh'), ins, outs, 'o');
  const loads = ins.map((z, m) => set(z, v.load(J('z'), 16 * m)));
  const stores = outs.flatMap((t, m) => [v.store(J('tc'), get(t), 16 * m), v.store(J('h'), v.mul(v.load(J('o'), 16 * m), get(t)), 16 * m)]);
  const scalarUnit = [set('st', `(call $tanh ${f.load(J('z'))})`), f.store(J('tc'), get('st')), f.store(J('h'), f.mul(f.load(J('o')), get('st')))];
  return `(func (export "lstmOutputForward") (param $N i32) (param $H i32) (param $g i32) (param $z i32) (param $tc i32) (param $h i32)
  ${locals('i32', 'n', 'j', 'jb', 'end', 'o')} ${locals('v128', ...ins, ...outs)} ${group.locals} ${locals('f64', 'st')}
  ${set('o', add(get('g'), `(i32.shl ${get('H')} ${ic(4)})`))}
  ${fastRows({ strides: [['o', H32], ['z', H8], ['tc', H8], ['h', H8]], rowSetup: [], w: 2 * k, loads, group, stores, scalarUnit }).join('\n  ')})`;
}

export function lstmOutputBackward(): string {
  const body = (w: 1 | 2): string[] => {
    const A = w === 2 ? v : f, s = w === 2 ? 'v' : 's', L = (n: string) => get(s + n);
    return [
      set(`${s}o`, A.load(blk('g', 2))), set(`${s}t`, A.load(J('tc'))), set(`${s}d`, A.load(J('dh'))),
      set(`${s}x`, A.mul(A.mul(L('d'), L('o')), A.sub(A.c(1), A.mul(L('t'), L('t'))))),
      A.store(J('dz'), w === 2
        ? `(if (result v128) ${get('acc')} (then ${A.add(A.load(J('dz')), L('x'))}) (else ${L('x')}))`
        : `(select ${A.add(A.load(J('dz')), L('x'))} ${L('x')} ${get('acc')})`),
      A.store(blk('da', 2), A.mul(A.mul(A.mul(L('d'), L('t')), L('o')), A.sub(A.c(1), L('o')))),
    ];
  };
  return `(func (export "lstmOutputBackward") (param $N i32) (param $H i32) (param $g i32) (param $tc i32) (param $dh i32) (param $dz i32) (param $da i32) (param $acc i32)
  ${locals('i32', 'n', 'j', 'jb', 'g1', 'g2', 'g3', 'da1', 'da2', 'da3')} ${locals('v128', 'vo', 'vt', 'vd', 'vx')} ${locals('f64', 'so', 'st', 'sd', 'sx')}
  ${rows([['g', H32], ['da', H32], ['tc', H8], ['dh', H8], ['dz', H8]], [...blocks('g'), ...blocks('da'), set('j', ic(0)), ...units('pairs', 2, body(2)), ...units('single', 1, body(1))]).join('\n  ')})`;
}

export function lstmGatesBackward(): string {
  const body = (w: 1 | 2): string[] => {
    const A = w === 2 ? v : f, s = w === 2 ? 'v' : 's', L = (n: string) => get(s + n), one = A.c(1);
    return [
      set(`${s}i`, A.load(blk('g', 0))), set(`${s}f`, A.load(blk('g', 1))), set(`${s}g`, A.load(blk('g', 3))), set(`${s}c`, A.load(J('dc'))),
      A.store(blk('da', 0), A.mul(A.mul(A.mul(L('c'), L('g')), L('i')), A.sub(one, L('i')))),
      A.store(blk('da', 1), A.mul(A.mul(A.mul(L('c'), A.load(J('cp'))), L('f')), A.sub(one, L('f')))),
      A.store(blk('da', 3), A.mul(A.mul(L('c'), L('i')), A.sub(one, A.mul(L('g'), L('g'))))),
      A.store(J('dc'), A.mul(L('c'), L('f'))),
    ];
  };
  return `(func (export "lstmGatesBackward") (param $N i32) (param $H i32) (param $g i32) (param $cp i32) (param $dc i32) (param $da i32)
  ${locals('i32', 'n', 'j', 'jb', 'g1', 'g2', 'g3', 'da1', 'da2', 'da3')} ${locals('v128', 'vi', 'vf', 'vg', 'vc')} ${locals('f64', 'si', 'sf', 'sg', 'sc')}
  ${rows([['g', H32], ['da', H32], ['cp', H8], ['dc', H8]], [...blocks('g'), ...blocks('da'), set('j', ic(0)), ...units('pairs', 2, body(2)), ...units('single', 1, body(1))]).join('\n  ')})`;
}
