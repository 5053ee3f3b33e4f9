/**
 * WAT for the row-wise and elementwise loops around the products: layer norm rows (forward and
 * backward), adding a bias row, column sums, dst += src, and the Adam/AdamW update. Each reproduces
 * its JS loop's operations per element in the JS order:
 *   - elementwise work runs f64x2 over adjacent elements (same ops per lane);
 *   - a sum along a row (layer norm's mean, variance, sumD, sumDX) is sequential in the JS code, so
 *     its lanes are two ROWS, each lane adding its row's terms in order; never two halves of one row.
 */
import { f, get, locals, set, v } from './wat';

const add = (a: string, b: string) => `(i32.add ${a} ${b})`;
const ic = (n: number) => `(i32.const ${n})`;
const inc = (n: string, by: string) => set(n, add(get(n), by));
const sh3 = (x: string) => `(i32.shl ${x} ${ic(3)})`;

function loop(label: string, cond: string, body: string[]): string[] {
  return [`(block $${label}_done (loop $${label}`, `  (br_if $${label}_done ${cond})`, ...body.map((s) => '  ' + s), `  (br $${label})))`];
}
/** for (j = 0; j + w <= D; j += w) with jb = 8j; then the same for w = 1 (tail), bodies given per width. */
function overJ(D: string, vec: string[], sc: string[], vw = 2): string[] {
  return [
    set('j', ic(0)),
    ...loop(`j${vw}`, `(i32.gt_s ${add(get('j'), ic(vw))} ${D})`, [set('jb', sh3(get('j'))), ...vec, inc('j', ic(vw))]),
    ...loop('j1', `(i32.ge_s ${get('j')} ${D})`, [set('jb', sh3(get('j'))), ...sc, inc('j', ic(1))]),
  ];
}
const J = (p: string) => add(get(p), get('jb'));
/** Two doubles from two rows at the same column: lane 0 from row address a, lane 1 from b. */
const pair = (a: string, b: string) => `(v128.load64_lane 1 ${b} (v128.load64_zero ${a}))`;

/**
 * layerNormForward(rows, D, x, gamma, beta, out, mean, rstd, eps, accumulate): layer-norm.ts
 * layerNormRowsForward. Row statistics two rows at a time (lanes = rows), then the output row by row
 * f64x2 over j. out may be x (not when accumulating).
 */
export function layerNormForward(): string {
  const D8 = sh3(get('D'));
  const stats = (w: 1 | 2): string[] => {
    const A = w === 2 ? v : f;
    const ld = (p: string) => (w === 2 ? pair(add(get(p), get('jb')), add(add(get(p), D8), get('jb'))) : f.load(J(p)));
    const s = w === 2 ? 'v' : 's';
    return [
      set(`${s}s`, A.c(0)),
      ...loop(`s${w}`, `(i32.ge_s ${get('j')} ${get('D')})`, [set('jb', sh3(get('j'))), set(`${s}s`, A.add(get(`${s}s`), ld('x'))), inc('j', ic(1))]),
      set(`${s}mu`, A.div(get(`${s}s`), w === 2 ? v.splat('(f64.convert_i32_s (local.get $D))') : '(f64.convert_i32_s (local.get $D))')),
      set(`${s}s`, A.c(0)), set('j', ic(0)),
      ...loop(`v${w}`, `(i32.ge_s ${get('j')} ${get('D')})`, [
        set('jb', sh3(get('j'))), set(`${s}c`, A.sub(ld('x'), get(`${s}mu`))),
        set(`${s}s`, A.add(get(`${s}s`), A.mul(get(`${s}c`), get(`${s}c`)))), inc('j', ic(1))]),
      set(`${s}rs`, A.div(A.c(1), A.sqrt(A.add(A.div(get(`${s}s`), w === 2 ? v.splat('(f64.convert_i32_s (local.get $D))') : '(f64.convert_i32_s (local.get $D))'), w === 2 ? v.splat(get('eps')) : get('eps'))))),
    ];
  };
  // the output of the row at x, out (stats splatted into mu2, rs2 and scalars mu, rs)
  const outRow = [
    ...overJ(get('D'), [
      set('vc', v.add(v.mul(v.mul(v.load(J('gamma')), v.sub(v.load(J('px')), get('mu2'))), get('rs2')), v.load(J('beta')))),
      v.store(J('po'), `(if (result v128) ${get('acc')} (then ${v.add(v.load(J('po')), get('vc'))}) (else ${get('vc')}))`),
    ], [
      set('sc', f.add(f.mul(f.mul(f.load(J('gamma')), f.sub(f.load(J('px')), get('mu'))), get('rs')), f.load(J('beta')))),
      f.store(J('po'), `(select ${f.add(f.load(J('po')), get('sc'))} ${get('sc')} ${get('acc')})`),
    ]),
  ];
  const emitRow = (mu: string, rs: string, r: number) => [
    set('mu', mu), set('rs', rs), set('mu2', v.splat(get('mu'))), set('rs2', v.splat(get('rs'))),
    f.store(add(get('mean'), ic(8 * r)), get('mu')), f.store(add(get('rstd'), ic(8 * r)), get('rs')),
    set('px', r === 0 ? get('x') : add(get('x'), D8)), set('po', r === 0 ? get('out') : add(get('out'), D8)),
    ...outRow,
  ];
  const advance = (k: number) => [
    inc('x', `(i32.mul ${D8} ${ic(k)})`), inc('out', `(i32.mul ${D8} ${ic(k)})`),
    inc('mean', ic(8 * k)), inc('rstd', ic(8 * k)), inc('r', ic(k)),
  ];
  return `(func (export "layerNormForward") (param $rows i32) (param $D i32) (param $x i32) (param $gamma i32) (param $beta i32) (param $out i32) (param $mean i32) (param $rstd i32) (param $eps f64) (param $acc i32)
  ${locals('i32', 'r', 'j', 'jb', 'px', 'po')} ${locals('v128', 'vs', 'vmu', 'vc', 'vrs', 'mu2', 'rs2')} ${locals('f64', 'ss', 'smu', 'sc', 'srs', 'mu', 'rs')}
  ${[
    set('r', ic(0)),
    ...loop('pairs', `(i32.gt_s ${add(get('r'), ic(2))} ${get('rows')})`, [
      set('j', ic(0)), ...stats(2),
      ...emitRow(v.lane(get('vmu'), 0), v.lane(get('vrs'), 0), 0),
      ...emitRow(v.lane(get('vmu'), 1), v.lane(get('vrs'), 1), 1),
      ...advance(2),
    ]),
    ...loop('single', `(i32.ge_s ${get('r')} ${get('rows')})`, [
      set('j', ic(0)), ...stats(1),
      ...emitRow(get('smu'), get('srs'), 0),
      ...advance(1),
    ]),
  ].join('\n  ')})`;
}

/**
 * layerNormBackward(rows, D, dout, x, mean, rstd, gamma, dx, dgamma, dbeta, accumulate): layer-norm.ts
 * layerNormRowsBackward. sumD and sumDX two rows at a time (lanes = rows); then per row, f64x2 over j,
 * dgamma += g*xh and dbeta += g (rows in order, as the JS loop) and dx. dx may alias dout.
 */
export function layerNormBackward(): string {
  const D8 = sh3(get('D'));
  const Dd = '(f64.convert_i32_s (local.get $D))';
  const sums = (w: 1 | 2): string[] => {
    const A = w === 2 ? v : f;
    const s = w === 2 ? 'v' : 's';
    const ld = (p: string) => (w === 2 ? pair(add(get(p), get('jb')), add(add(get(p), D8), get('jb'))) : f.load(J(p)));
    const gam = w === 2 ? v.splat(f.load(J('gamma'))) : f.load(J('gamma'));
    const mu = w === 2 ? pair(get('mean'), add(get('mean'), ic(8))) : f.load(get('mean'));
    const rs = w === 2 ? pair(get('rstd'), add(get('rstd'), ic(8))) : f.load(get('rstd'));
    return [
      set(`${s}mu`, mu), set(`${s}rs`, rs), set(`${s}sd`, A.c(0)), set(`${s}sx`, A.c(0)), set('j', ic(0)),
      ...loop(`s${w}`, `(i32.ge_s ${get('j')} ${get('D')})`, [
        set('jb', sh3(get('j'))),
        set(`${s}xh`, A.mul(A.sub(ld('x'), get(`${s}mu`)), get(`${s}rs`))),
        set(`${s}dxh`, A.mul(ld('dout'), gam)),
        set(`${s}sd`, A.add(get(`${s}sd`), get(`${s}dxh`))),
        set(`${s}sx`, A.add(get(`${s}sx`), A.mul(get(`${s}dxh`), get(`${s}xh`)))),
        inc('j', ic(1)),
      ]),
      set(`${s}sd`, A.div(get(`${s}sd`), w === 2 ? v.splat(Dd) : Dd)),
      set(`${s}sx`, A.div(get(`${s}sx`), w === 2 ? v.splat(Dd) : Dd)),
    ];
  };
  // row at (pd, px), stats mu, rs, mD, mDX as scalars and splats
  const row = (mu: string, rs: string, mD: string, mDX: string, r: number) => [
    set('mu', mu), set('rs', rs), set('md', mD), set('mdx', mDX),
    set('mu2', v.splat(get('mu'))), set('rs2', v.splat(get('rs'))), set('md2', v.splat(get('md'))), set('mdx2', v.splat(get('mdx'))),
    set('pd', r === 0 ? get('dout') : add(get('dout'), D8)), set('px', r === 0 ? get('x') : add(get('x'), D8)), set('pdx', r === 0 ? get('dx') : add(get('dx'), D8)),
    ...overJ(get('D'), [
      set('vg', v.load(J('pd'))), set('vxh', v.mul(v.sub(v.load(J('px')), get('mu2')), get('rs2'))),
      v.store(J('dgamma'), v.add(v.load(J('dgamma')), v.mul(get('vg'), get('vxh')))),
      v.store(J('dbeta'), v.add(v.load(J('dbeta')), get('vg'))),
      set('vc', v.mul(get('rs2'), v.sub(v.sub(v.mul(get('vg'), v.load(J('gamma'))), get('md2')), v.mul(get('vxh'), get('mdx2'))))),
      v.store(J('pdx'), `(if (result v128) ${get('acc')} (then ${v.add(v.load(J('pdx')), get('vc'))}) (else ${get('vc')}))`),
    ], [
      set('sg', f.load(J('pd'))), set('sxh', f.mul(f.sub(f.load(J('px')), get('mu')), get('rs'))),
      f.store(J('dgamma'), f.add(f.load(J('dgamma')), f.mul(get('sg'), get('sxh')))),
      f.store(J('dbeta'), f.add(f.load(J('dbeta')), get('sg'))),
      set('sc', f.mul(get('rs'), f.sub(f.sub(f.mul(get('sg'), f.load(J('gamma'))), get('md')), f.mul(get('sxh'), get('mdx'))))),
      f.store(J('pdx'), `(select ${f.add(f.load(J('pdx')), get('sc'))} ${get('sc')} ${get('acc')})`),
    ]),
  ];
  const advance = (k: number) => [
    ...['dout', 'x', 'dx'].map((p) => inc(p, `(i32.mul ${D8} ${ic(k)})`)),
    inc('mean', ic(8 * k)), inc('rstd', ic(8 * k)), inc('r', ic(k)),
  ];
  return `(func (export "layerNormBackward") (param $rows i32) (param $D i32) (param $dout i32) (param $x i32) (param $mean i32) (param $rstd i32) (param $gamma i32) (param $dx i32) (param $dgamma i32) (param $dbeta i32) (param $acc i32)
  ${locals('i32', 'r', 'j', 'jb', 'pd', 'px', 'pdx')} ${locals('v128', 'vmu', 'vrs', 'vsd', 'vsx', 'vxh', 'vdxh', 'mu2', 'rs2', 'md2', 'mdx2', 'vg', 'vc')} ${locals('f64', 'smu', 'srs', 'ssd', 'ssx', 'sxh', 'sdxh', 'mu', 'rs', 'md', 'mdx', 'sg', 'sc')}
  ${[
    set('r', ic(0)),
    ...loop('pairs', `(i32.gt_s ${add(get('r'), ic(2))} ${get('rows')})`, [
      ...sums(2),
      ...row(v.lane(get('vmu'), 0), v.lane(get('vrs'), 0), v.lane(get('vsd'), 0), v.lane(get('vsx'), 0), 0),
      ...row(v.lane(get('vmu'), 1), v.lane(get('vrs'), 1), v.lane(get('vsd'), 1), v.lane(get('vsx'), 1), 1),
      ...advance(2),
    ]),
    ...loop('single', `(i32.ge_s ${get('r')} ${get('rows')})`, [
      ...sums(1),
      ...row(get('smu'), get('srs'), get('ssd'), get('ssx'), 0),
      ...advance(1),
    ]),
  ].join('\n  ')})`;
}

/** addRows(rows, cols, m, b): m(i, j) += b(j) (linear.ts addRowVector). */
export function addRows(): string {
  const C8 = sh3(get('cols'));
  return `(func (export "addRows") (param $rows i32) (param $cols i32) (param $m i32) (param $b i32)
  ${locals('i32', 'r', 'j', 'jb')}
  ${[
    set('r', ic(0)),
    ...loop('rows', `(i32.ge_s ${get('r')} ${get('rows')})`, [
      ...overJ(get('cols'), [v.store(J('m'), v.add(v.load(J('m')), v.load(J('b'))))], [f.store(J('m'), f.add(f.load(J('m')), f.load(J('b'))))]),
      inc('m', C8), inc('r', ic(1)),
    ]),
  ].join('\n  ')})`;
}

/** sumRows(rows, cols, m, s, accumulate): s(j) = (accumulate ? s(j) : 0) + sum over rows i in order of m(i, j). */
export function sumRows(): string {
  const C8 = sh3(get('cols'));
  return `(func (export "sumRows") (param $rows i32) (param $cols i32) (param $m i32) (param $s i32) (param $acc i32)
  ${locals('i32', 'r', 'j', 'jb')}
  ${[
    `(if (i32.eqz ${get('acc')}) (then (memory.fill ${get('s')} ${ic(0)} ${C8})))`,
    set('r', ic(0)),
    ...loop('rows', `(i32.ge_s ${get('r')} ${get('rows')})`, [
      ...overJ(get('cols'), [v.store(J('s'), v.add(v.load(J('s')), v.load(J('m'))))], [f.store(J('s'), f.add(f.load(J('s')), f.load(J('m'))))]),
      inc('m', C8), inc('r', ic(1)),
    ]),
  ].join('\n  ')})`;
}

/** addTo(n, dst, src): dst(k) += src(k). */
export function addTo(): string {
  return `(func (export "addTo") (param $n i32) (param $dst i32) (param $src i32)
  ${locals('i32', 'j', 'jb')}
  ${overJ(get('n'), [v.store(J('dst'), v.add(v.load(J('dst')), v.load(J('src'))))], [f.store(J('dst'), f.add(f.load(J('dst')), f.load(J('src'))))]).join('\n  ')})`;
}

/**
 * adamUpdate(n, w, dw, m, v, coupled, beta1, omb1, beta2, omb2, shrink, lr, bc1, bc2, eps), adam.ts:
 *   g = dw + coupled*w;  m = beta1*m + omb1*g;  v = beta2*v + omb2*g*g
 *   w = shrink*w - (lr*(m/bc1)) / (sqrt(v/bc2) + eps)        (omb1 = 1 - beta1, omb2 = 1 - beta2)
 */
export function adamUpdate(): string {
  const names = ['coupled', 'beta1', 'omb1', 'beta2', 'omb2', 'shrink', 'lr', 'bc1', 'bc2', 'eps'];
  const body = (w: 1 | 2): string[] => {
    const A = w === 2 ? v : f;
    const P = (n: string) => get(w === 2 ? `${n}2` : n);
    const s = w === 2 ? 'v' : 's';
    return [
      set(`${s}g`, A.add(A.load(J('dw')), A.mul(P('coupled'), A.load(J('w'))))),
      set(`${s}m`, A.add(A.mul(P('beta1'), A.load(J('m'))), A.mul(P('omb1'), get(`${s}g`)))),
      set(`${s}v`, A.add(A.mul(P('beta2'), A.load(J('v'))), A.mul(A.mul(P('omb2'), get(`${s}g`)), get(`${s}g`)))),
      A.store(J('m'), get(`${s}m`)), A.store(J('v'), get(`${s}v`)),
      A.store(J('w'), A.sub(A.mul(P('shrink'), A.load(J('w'))), A.div(A.mul(P('lr'), A.div(get(`${s}m`), P('bc1'))), A.add(A.sqrt(A.div(get(`${s}v`), P('bc2'))), P('eps'))))),
    ];
  };
  return `(func (export "adamUpdate") (param $n i32) (param $w i32) (param $dw i32) (param $m i32) (param $v i32) ${names.map((n) => `(param $${n} f64)`).join(' ')}
  ${locals('i32', 'j', 'jb')} ${locals('v128', ...names.map((n) => `${n}2`), 'vg', 'vm', 'vv')} ${locals('f64', 'sg', 'sm', 'sv')}
  ${[...names.map((n) => set(`${n}2`, v.splat(get(n)))), ...overJ(get('n'), body(2), body(1))].join('\n  ')})`;
}

/**
 * softmaxRows(M, V, z, p, stats): softmax-cross-entropy.ts's per-row loops. For each row m:
 *   max = the first largest z (sequential z > max from -inf);  p = exp(z - max);  sum = p summed in order;
 *   p /= sum;  stats[2m] = max, stats[2m+1] = sum   (the caller adds max + log(sum) - z[y] to the loss)
 */
export function softmaxRows(): string {
  const V8b = sh3(get('V'));
  const row = [
    set('mx', f.c(-Infinity)), set('j', ic(0)),
    ...loop('max', `(i32.ge_s ${get('j')} ${get('V')})`, [
      set('jb', sh3(get('j'))), set('sz', f.load(J('z'))), set('mx', `(select ${get('sz')} ${get('mx')} (f64.gt ${get('sz')} ${get('mx')}))`), inc('j', ic(1))]),
    set('mx2', v.splat(get('mx'))), set('j', ic(0)),
    ...loop('e4', `(i32.gt_s ${add(get('j'), ic(4))} ${get('V')})`, [
      set('jb', sh3(get('j'))),
      `(call $exp2 ${v.sub(v.load(J('z')), get('mx2'))} ${v.sub(v.load(J('z'), 16), get('mx2'))})`, '(local.set $e1) (local.set $e0)',
      v.store(J('p'), get('e0')), v.store(J('p'), get('e1'), 16), inc('j', ic(4))]),
    ...loop('e1', `(i32.ge_s ${get('j')} ${get('V')})`, [
      set('jb', sh3(get('j'))), f.store(J('p'), `(call $exp ${f.sub(f.load(J('z')), get('mx'))})`), inc('j', ic(1))]),
    set('sum', f.c(0)), set('j', ic(0)),
    ...loop('sum', `(i32.ge_s ${get('j')} ${get('V')})`, [set('jb', sh3(get('j'))), set('sum', f.add(get('sum'), f.load(J('p')))), inc('j', ic(1))]),
    set('sum2', v.splat(get('sum'))),
    ...overJ(get('V'), [v.store(J('p'), v.div(v.load(J('p')), get('sum2')))], [f.store(J('p'), f.div(f.load(J('p')), get('sum')))]),
    f.store(get('stats'), get('mx')), f.store(get('stats'), get('sum'), 8),
  ];
  return `(func (export "softmaxRows") (param $M i32) (param $V i32) (param $z i32) (param $p i32) (param $stats i32)
  ${locals('i32', 'r', 'j', 'jb')} ${locals('f64', 'mx', 'sz', 'sum')} ${locals('v128', 'mx2', 'sum2', 'e0', 'e1')}
  ${[
    set('r', ic(0)),
    ...loop('rows', `(i32.ge_s ${get('r')} ${get('M')})`, [...row, inc('z', V8b), inc('p', V8b), inc('stats', ic(16)), inc('r', ic(1))]),
  ].join('\n  ')})`;
}
