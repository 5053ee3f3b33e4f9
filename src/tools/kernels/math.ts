/**
 * exp, expm1, tanh and the logistic sigmoid in WebAssembly, bit-identical to V8's Math.exp and
 * Math.tanh, which are V8's ports of fdlibm (Sun Microsystems, 1993: "Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved"). Written
 * here from the fdlibm algorithms: the same argument reduction, the same polynomials with the same
 * constants (given by their bit patterns), the same operations in the same order, so every result
 * rounds the same way. No FMA exists in WebAssembly's f64 and f64x2 instructions, so none can creep in.
 *
 * Scalar versions follow the C control flow branch for branch. The f64x2 versions compute each lane
 * along the branch that lane's scalar call would take: they evaluate every branch that ordinary
 * arguments can take and pick per lane with bitselect; a vector holding a rare argument (NaN, inf,
 * |x| >= 708 for exp, an expm1 branch tanh never needs) is handed to the scalar version lane by lane.
 *
 * Left out: the floating-point exception flags fdlibm raises (wasm has none), NaN payloads.
 */
import { f, get, i, locals, set, v, words } from './wat';

const C = {
  halF: 0.5,
  oThreshold: words(0x40862e42, 0xfefa39ef),
  uThreshold: words(0xc0874910, 0xd52d3051),
  ln2HI: words(0x3fe62e42, 0xfee00000),
  ln2LO: words(0x3dea39ef, 0x35793c76),
  invln2: words(0x3ff71547, 0x652b82fe),
  P1: words(0x3fc55555, 0x5555553e),
  P2: words(0xbf66c16c, 0x16bebd93),
  P3: words(0x3f11566a, 0xaf25de2c),
  P4: words(0xbebbbd41, 0xc5d26bf1),
  P5: words(0x3e663769, 0x72bea4d0),
  E: words(0x4005bf0a, 0x8b145769),
  two1023: 2 ** 1023,
  twom1000: 2 ** -1000,
  Q1: words(0xbfa11111, 0x111110f4),
  Q2: words(0x3f5a01a0, 0x19fe5585),
  Q3: words(0xbf14ce19, 0x9eaadbb7),
  Q4: words(0x3ed0cfca, 0x86e65239),
  Q5: words(0xbe8afdb7, 0x6e09c32d),
};
export const MATH_CONSTANTS = C;

/** High 32 bits of a double as i32. */
const high = (x: string) => `(i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 ${x}) (i64.const 32)))`;
const low = (x: string) => `(i32.wrap_i64 (i64.reinterpret_f64 ${x}))`;
/** A double whose high word is `hw` (an i32 expression) and low word 0. */
const fromHigh = (hw: string) => `(f64.reinterpret_i64 (i64.shl (i64.extend_i32_u ${hw}) (i64.const 32)))`;
const iget = get;
const ret = (e: string) => `(return ${e})`;
const when = (cond: string, ...then: string[]) => `(if ${cond} (then ${then.join(' ')}))`;
const ifElse = (cond: string, then: string[], els: string[]) => `(if ${cond} (then ${then.join(' ')}) (else ${els.join(' ')}))`;
const poly5 = (t: string, a: number, b: number, c: number, d: number, e: number) =>
  f.mul(t, f.add(f.c(a), f.mul(t, f.add(f.c(b), f.mul(t, f.add(f.c(c), f.mul(t, f.add(f.c(d), f.mul(t, f.c(e))))))))));

/** exp(x), fdlibm e_exp.c as V8 has it (including V8's exp(1) = E special case). */
export function expScalar(): string {
  const x = get('x'), hx = iget('hx'), xsb = iget('xsb'), k = iget('k');
  const hi = get('hi'), lo = get('lo'), t = get('t'), c = get('c'), y = get('y');
  return `(func $exp (param $x f64) (result f64)
  ${locals('i32', 'hx', 'xsb', 'k')} ${locals('f64', 'hi', 'lo', 't', 'c', 'y', 'twopk')}
  ${set('hx', high(x))}
  ${set('xsb', `(i32.shr_u ${hx} ${i.c(31)})`)}
  ${set('hx', `(i32.and ${hx} ${i.c(0x7fffffff)})`)}
  ${when(`(i32.ge_u ${hx} ${i.c(0x40862e42)})`,
    when(`(i32.ge_u ${hx} ${i.c(0x7ff00000)})`,
      when(`(i32.or (i32.and ${hx} ${i.c(0xfffff)}) ${low(x)})`, ret(f.add(x, x))),
      ret(`(select ${x} ${f.c(0)} (i32.eqz ${xsb}))`)),
    when(`(f64.gt ${x} ${f.c(C.oThreshold)})`, ret(f.c(Infinity))),
    when(`(f64.lt ${x} ${f.c(C.uThreshold)})`, ret(f.c(0))))}
  ${ifElse(`(i32.gt_u ${hx} ${i.c(0x3fd62e42)})`, [
    ifElse(`(i32.lt_u ${hx} ${i.c(0x3ff0a2b2)})`, [
      when(`(f64.eq ${x} ${f.c(1)})`, ret(f.c(C.E))),
      set('hi', f.sub(x, `(select ${f.c(-C.ln2HI)} ${f.c(C.ln2HI)} ${xsb})`)),
      set('lo', `(select ${f.c(-C.ln2LO)} ${f.c(C.ln2LO)} ${xsb})`),
      set('k', i.sub(i.sub(i.c(1), xsb), xsb)),
    ], [
      set('k', `(i32.trunc_f64_s ${f.add(f.mul(f.c(C.invln2), x), `(select ${f.c(-0.5)} ${f.c(0.5)} ${xsb})`)})`),
      set('t', `(f64.convert_i32_s ${k})`),
      set('hi', f.sub(x, f.mul(t, f.c(C.ln2HI)))),
      set('lo', f.mul(t, f.c(C.ln2LO))),
    ]),
    set('x', f.sub(hi, lo)),
  ], [
    ifElse(`(i32.lt_u ${hx} ${i.c(0x3e300000)})`, [ret(f.add(f.c(1), x))], [set('k', i.c(0))]),
  ])}
  ${set('t', f.mul(x, x))}
  ${set('twopk', `(select ${fromHigh(i.add(i.c(0x3ff00000), `(i32.shl ${k} ${i.c(20)})`))} ${fromHigh(i.add(i.c(0x3ff00000), `(i32.shl ${i.add(k, i.c(1000))} ${i.c(20)})`))} (i32.ge_s ${k} ${i.c(-1021)}))`)}
  ${set('c', f.sub(x, poly5(t, C.P1, C.P2, C.P3, C.P4, C.P5)))}
  ${when(`(i32.eqz ${k})`, ret(f.sub(f.c(1), f.sub(f.div(f.mul(x, c), f.sub(c, f.c(2))), x))))}
  ${set('y', f.sub(f.c(1), f.sub(f.sub(lo, f.div(f.mul(x, c), f.sub(f.c(2), c))), hi)))}
  ${when(`(i32.ge_s ${k} ${i.c(-1021)})`,
    when(`(i32.eq ${k} ${i.c(1024)})`, ret(f.mul(f.mul(y, f.c(2)), f.c(C.two1023)))),
    ret(f.mul(y, get('twopk'))))}
  ${ret(f.mul(f.mul(y, get('twopk')), f.c(C.twom1000)))})`;
}

/** expm1(x), fdlibm s_expm1.c as V8 has it. */
export function expm1Scalar(): string {
  const x = get('x'), hx = iget('hx'), xsb = iget('xsb'), k = iget('k');
  const hi = get('hi'), lo = get('lo'), t = get('t'), c = get('c'), y = get('y'), e = get('e'), hxs = get('hxs'), hfx = get('hfx'), r1 = get('r1');
  return `(func $expm1 (param $x f64) (result f64)
  ${locals('i32', 'hx', 'xsb', 'k')} ${locals('f64', 'hi', 'lo', 't', 'c', 'y', 'e', 'hxs', 'hfx', 'r1', 'twopk')}
  ${set('hx', high(x))}
  ${set('xsb', `(i32.and ${hx} ${i.c(0x80000000)})`)}
  ${set('hx', `(i32.and ${hx} ${i.c(0x7fffffff)})`)}
  ${when(`(i32.ge_u ${hx} ${i.c(0x4043687a)})`,
    when(`(i32.ge_u ${hx} ${i.c(0x40862e42)})`,
      when(`(i32.ge_u ${hx} ${i.c(0x7ff00000)})`,
        when(`(i32.or (i32.and ${hx} ${i.c(0xfffff)}) ${low(x)})`, ret(f.add(x, x))),
        ret(`(select ${x} ${f.c(-1)} (i32.eqz ${xsb}))`)),
      when(`(f64.gt ${x} ${f.c(C.oThreshold)})`, ret(f.c(Infinity)))),
    when(xsb, ret(f.c(-1))))}
  ${ifElse(`(i32.gt_u ${hx} ${i.c(0x3fd62e42)})`, [
    ifElse(`(i32.lt_u ${hx} ${i.c(0x3ff0a2b2)})`, [
      ifElse(`(i32.eqz ${xsb})`,
        [set('hi', f.sub(x, f.c(C.ln2HI))), set('lo', f.c(C.ln2LO)), set('k', i.c(1))],
        [set('hi', f.add(x, f.c(C.ln2HI))), set('lo', f.c(-C.ln2LO)), set('k', i.c(-1))]),
    ], [
      set('k', `(i32.trunc_f64_s ${f.add(f.mul(f.c(C.invln2), x), `(select ${f.c(0.5)} ${f.c(-0.5)} (i32.eqz ${xsb}))`)})`),
      set('t', `(f64.convert_i32_s ${k})`),
      set('hi', f.sub(x, f.mul(t, f.c(C.ln2HI)))),
      set('lo', f.mul(t, f.c(C.ln2LO))),
    ]),
    set('x', f.sub(hi, lo)),
    set('c', f.sub(f.sub(hi, x), lo)),
  ], [
    ifElse(`(i32.lt_u ${hx} ${i.c(0x3c900000)})`, [ret(x)], [set('k', i.c(0))]),
  ])}
  ${set('hfx', f.mul(f.c(0.5), x))}
  ${set('hxs', f.mul(x, hfx))}
  ${set('r1', f.add(f.c(1), poly5(hxs, C.Q1, C.Q2, C.Q3, C.Q4, C.Q5)))}
  ${set('t', f.sub(f.c(3), f.mul(r1, hfx)))}
  ${set('e', f.mul(hxs, f.div(f.sub(r1, t), f.sub(f.c(6), f.mul(x, t)))))}
  ${when(`(i32.eqz ${k})`, ret(f.sub(x, f.sub(f.mul(x, e), hxs))))}
  ${set('twopk', fromHigh(i.add(i.c(0x3ff00000), `(i32.shl ${k} ${i.c(20)})`)))}
  ${set('e', f.sub(f.mul(x, f.sub(e, c)), c))}
  ${set('e', f.sub(e, hxs))}
  ${when(`(i32.eq ${k} ${i.c(-1)})`, ret(f.sub(f.mul(f.c(0.5), f.sub(x, e)), f.c(0.5))))}
  ${when(`(i32.eq ${k} ${i.c(1)})`,
    when(`(f64.lt ${x} ${f.c(-0.25)})`, ret(f.mul(f.c(-2), f.sub(e, f.add(x, f.c(0.5)))))),
    ret(f.add(f.c(1), f.mul(f.c(2), f.sub(x, e)))))}
  ${when(`(i32.or (i32.le_s ${k} ${i.c(-2)}) (i32.gt_s ${k} ${i.c(56)}))`,
    set('y', f.sub(f.c(1), f.sub(e, x))),
    ifElse(`(i32.eq ${k} ${i.c(1024)})`, [set('y', f.mul(f.mul(y, f.c(2)), f.c(C.two1023)))], [set('y', f.mul(y, get('twopk')))]),
    ret(f.sub(y, f.c(1))))}
  ${ifElse(`(i32.lt_s ${k} ${i.c(20)})`, [
    set('t', fromHigh(i.sub(i.c(0x3ff00000), `(i32.shr_s ${i.c(0x200000)} ${k})`))),
    set('y', f.sub(t, f.sub(e, x))),
    set('y', f.mul(y, get('twopk'))),
  ], [
    set('t', fromHigh(`(i32.shl ${i.sub(i.c(0x3ff), k)} ${i.c(20)})`)),
    set('y', f.sub(x, f.add(e, t))),
    set('y', f.add(y, f.c(1))),
    set('y', f.mul(y, get('twopk'))),
  ])}
  ${ret(y)})`;
}

/** tanh(x), fdlibm s_tanh.c as V8 has it. */
export function tanhScalar(): string {
  const x = get('x'), ix = iget('ix'), jx = iget('jx'), t = get('t'), z = get('z');
  return `(func $tanh (param $x f64) (result f64)
  ${locals('i32', 'jx', 'ix')} ${locals('f64', 't', 'z')}
  ${set('jx', high(x))}
  ${set('ix', `(i32.and ${jx} ${i.c(0x7fffffff)})`)}
  ${when(`(i32.ge_u ${ix} ${i.c(0x7ff00000)})`,
    ifElse(`(i32.ge_s ${jx} ${i.c(0)})`, [ret(f.add(f.div(f.c(1), x), f.c(1)))], [ret(f.sub(f.div(f.c(1), x), f.c(1)))]))}
  ${ifElse(`(i32.lt_u ${ix} ${i.c(0x40360000)})`, [
    when(`(i32.lt_u ${ix} ${i.c(0x3e300000)})`, ret(x)),
    ifElse(`(i32.ge_u ${ix} ${i.c(0x3ff00000)})`, [
      set('t', `(call $expm1 ${f.mul(f.c(2), `(f64.abs ${x})`)})`),
      set('z', f.sub(f.c(1), f.div(f.c(2), f.add(t, f.c(2))))),
    ], [
      set('t', `(call $expm1 ${f.mul(f.c(-2), `(f64.abs ${x})`)})`),
      set('z', f.div(f.neg(t), f.add(t, f.c(2)))),
    ]),
  ], [set('z', f.c(1))])}
  ${ret(`(select ${z} ${f.neg(z)} (i32.ge_s ${jx} ${i.c(0)}))`)})`;
}

/** sigmoid(x) = 1 / (1 + exp(-x)), as lstm.ts writes it. */
export function sigmoidScalar(): string {
  return `(func $sigmoid (param $x f64) (result f64)
  ${f.div(f.c(1), f.add(f.c(1), `(call $exp ${f.neg(get('x'))})`))})`;
}

// ---------------------------------------------------------------- f64x2

/** A v128 constant with both 64-bit lanes = bits. (A table of constants in memory, one folded load each,
 * was tried: no faster, TurboFan hoists every load to the top of the function and spills.) */
function k64(bits: bigint): string {
  const b = BigInt.asIntN(64, bits);
  return `(v128.const i64x2 ${b} ${b})`;
}
function bitsOf(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0];
}
/** A splatted double constant. */
const kd = (x: number) => k64(bitsOf(x));

const SIGN = () => k64(0x8000000000000000n);
const ABS = () => k64(0x7fffffffffffffffn);
const absGt = (ax: string, hw: number, lowOnes = false) => v.igt(ax, k64((BigInt(hw) << 32n) | (lowOnes ? 0xffffffffn : 0n)));
const absLt = (ax: string, hw: number) => v.ilt(ax, k64(BigInt(hw) << 32n));
/**
 * 2^k for f64 lanes holding integers k in [-1022, 1023]: adding 1.5*2^52 puts k (two's complement)
 * in the low bits of the sum's bit pattern; +1023 and << 52 leave exactly the exponent field k + 1023.
 */
const pow2 = (kf: string) => v.ishl(v.iadd(v.add(kf, kd(6755399441055744)), k64(1023n)), 52);
/** (double)(int)x: truncation toward zero (exact for |x| < 2^31, which is all the callers pass). */
const truncInt = (x: string) => `(f64x2.trunc ${x})`;
const vpoly5 = (t: string, a: number, b: number, c: number, d: number, e: number) =>
  v.mul(t, v.add(kd(a), v.mul(t, v.add(kd(b), v.mul(t, v.add(kd(c), v.mul(t, v.add(kd(d), v.mul(t, kd(e))))))))));

interface Chain { locals: string[]; stmts: string[]; result: string }

/**
 * exp on both lanes of local `x` (suffix s names this chain's locals). Branches of the scalar code,
 * per lane: |x| <= 0.5 ln2 -> k = 0, unreduced; 0.5 ln2 < |x| < 1.5 ln2 -> k = +-1 (t*ln2HI with
 * t = +-1 is exactly +-ln2HI, so one formula serves both reductions); otherwise
 * k = (int)(invln2*x +- 0.5). The k != 0 result uses (x*c)/(2-c) = -((x*c)/(c-2)) exactly
 * (2-c = -(c-2) and a/(-b) = -(a/b) in IEEE arithmetic), so one division serves both formulas.
 * The caller sends lanes with |x| > 708 or NaN, |x| < 2^-28 and x = +-1 (V8 returns E for exp(1)) to the
 * scalar code.
 */
function expChain(x: string, s: string): Chain {
  const n = (b: string) => b + s, L = (b: string) => get(n(b));
  const X = get(x);
  return {
    locals: ['ax', 'sg', 'big', 'kf', 'hi', 'lo', 'xr', 't', 'c', 'q', 'r'].map(n),
    stmts: [
      set(n('ax'), v.and(X, ABS())),
      set(n('sg'), v.and(X, SIGN())),
      set(n('big'), absGt(L('ax'), 0x3fd62e42, true)),
      set(n('kf'), v.sel(absLt(L('ax'), 0x3ff0a2b2), v.or(kd(1), L('sg')), truncInt(v.add(v.mul(kd(C.invln2), X), v.or(kd(0.5), L('sg')))))),
      set(n('hi'), v.sub(X, v.mul(L('kf'), kd(C.ln2HI)))),
      set(n('lo'), v.mul(L('kf'), kd(C.ln2LO))),
      set(n('xr'), v.sel(L('big'), v.sub(L('hi'), L('lo')), X)),
      set(n('t'), v.mul(L('xr'), L('xr'))),
      set(n('c'), v.sub(L('xr'), vpoly5(L('t'), C.P1, C.P2, C.P3, C.P4, C.P5))),
      set(n('q'), v.div(v.mul(L('xr'), L('c')), v.sub(L('c'), kd(2)))),
      set(n('r'), v.sel(L('big'), v.mul(v.sub(kd(1), v.sub(v.add(L('lo'), L('q')), L('hi'))), pow2(L('kf'))), v.sub(kd(1), v.sub(L('q'), L('xr'))))),
    ],
    result: L('r'),
  };
}

/** sigmoid on both lanes of local `x`: 1 / (1 + exp(-x)). */
function sigmoidChain(x: string, s: string): Chain {
  const e = expChain(`nx${s}`, s);
  return {
    locals: [`nx${s}`, `sig${s}`, ...e.locals],
    stmts: [set(`nx${s}`, v.neg(get(x))), ...e.stmts, set(`sig${s}`, v.div(kd(1), v.add(kd(1), e.result)))],
    result: get(`sig${s}`),
  };
}

/**
 * tanh on both lanes of local `x` (|x| < 2^-28, NaN and inf go to the scalar code): |x| >= 22 -> +-1; otherwise via expm1 of
 * u = 2|x| (|x| >= 1) or u = -2|x|, for which expm1's k is 0, -1, <= -2, in [2, 20), in [20, 56] or
 * > 56 (never 1, never its overflow or -1 exits): each branch's formula is computed and the lane's
 * own picked. For 2 <= k < 20 fdlibm builds t = 1 - 2^-k from its high word; here 1 - 2^-k is
 * computed, which is exact for these k. The caller sends NaN and inf lanes to the scalar code.
 */
function tanhChain(x: string, s: string): Chain {
  const n = (b: string) => b + s, L = (b: string) => get(n(b));
  const X = get(x);
  return {
    locals: ['ax', 'ge1', 'u', 'uax', 'usg', 'big', 'kf', 'hi', 'lo', 'xr', 'c', 'hfx', 'hxs', 'r1', 't', 'e', 'm', 'twopk', 'twomk', 'q', 'z'].map(n),
    stmts: [
      set(n('ax'), v.and(X, ABS())),
      set(n('ge1'), v.ge(L('ax'), kd(1))),
      set(n('u'), v.sel(L('ge1'), v.mul(kd(2), L('ax')), v.mul(kd(-2), L('ax')))),
      // expm1(u)
      set(n('uax'), v.and(L('u'), ABS())),
      set(n('usg'), v.and(L('u'), SIGN())),
      set(n('big'), absGt(L('uax'), 0x3fd62e42, true)),
      set(n('kf'), v.and(L('big'), v.sel(absLt(L('uax'), 0x3ff0a2b2), v.or(kd(1), L('usg')), truncInt(v.add(v.mul(kd(C.invln2), L('u')), v.or(kd(0.5), L('usg'))))))),
      set(n('hi'), v.sub(L('u'), v.mul(L('kf'), kd(C.ln2HI)))),
      set(n('lo'), v.mul(L('kf'), kd(C.ln2LO))),
      set(n('xr'), v.sel(L('big'), v.sub(L('hi'), L('lo')), L('u'))),
      set(n('c'), v.sub(v.sub(L('hi'), L('xr')), L('lo'))),
      set(n('hfx'), v.mul(kd(0.5), L('xr'))),
      set(n('hxs'), v.mul(L('xr'), L('hfx'))),
      set(n('r1'), v.add(kd(1), vpoly5(L('hxs'), C.Q1, C.Q2, C.Q3, C.Q4, C.Q5))),
      set(n('t'), v.sub(kd(3), v.mul(L('r1'), L('hfx')))),
      set(n('e'), v.mul(L('hxs'), v.div(v.sub(L('r1'), L('t')), v.sub(kd(6), v.mul(L('xr'), L('t')))))),
      set(n('m'), v.sub(L('xr'), v.sub(v.mul(L('xr'), L('e')), L('hxs')))),
      set(n('e'), v.sub(v.sub(v.mul(L('xr'), v.sub(L('e'), L('c'))), L('c')), L('hxs'))),
      set(n('twopk'), pow2(L('kf'))),
      set(n('twomk'), pow2(v.neg(L('kf')))),
      set(n('m'), v.sel(v.eq(L('kf'), kd(-1)), v.sub(v.mul(kd(0.5), v.sub(L('xr'), L('e'))), kd(0.5)), L('m'))),
      set(n('m'), v.sel(v.or(v.le(L('kf'), kd(-2)), v.gt(L('kf'), kd(56))), v.sub(v.mul(v.sub(kd(1), v.sub(L('e'), L('xr'))), L('twopk')), kd(1)), L('m'))),
      set(n('m'), v.sel(v.and(v.ge(L('kf'), kd(2)), v.lt(L('kf'), kd(20))), v.mul(v.sub(v.sub(kd(1), L('twomk')), v.sub(L('e'), L('xr'))), L('twopk')), L('m'))),
      set(n('m'), v.sel(v.and(v.ge(L('kf'), kd(20)), v.le(L('kf'), kd(56))), v.mul(v.add(v.sub(L('xr'), v.add(L('e'), L('twomk'))), kd(1)), L('twopk')), L('m'))),
      // tanh from t = expm1(u)
      // 1 - 2/(t+2) or -t/(t+2): one division, its numerator picked per lane
      set(n('q'), v.div(v.sel(L('ge1'), kd(2), v.neg(L('m'))), v.add(L('m'), kd(2)))),
      set(n('z'), v.sel(L('ge1'), v.sub(kd(1), L('q')), L('q'))),
      set(n('z'), v.sel(v.ge(L('ax'), kd(22)), kd(1), L('z'))),
      set(n('z'), v.xor(L('z'), v.and(X, SIGN()))),
    ],
    result: L('z'),
  };
}

export type VKind = 'exp' | 'sigmoid' | 'tanh';
const CHAIN: Record<VKind, (x: string, s: string) => Chain> = { exp: expChain, sigmoid: sigmoidChain, tanh: tanhChain };
/**
 * The lanes each kind hands to the scalar code (any such lane sends the whole call there): for
 * exp/sigmoid |x| > 708 or NaN, |x| < 2^-28 and x = +-1 (exp(1) is V8's special case); for tanh NaN, inf
 * and |x| < 2^-28. Rare in a network's pre-activations; the common path then needs no select for them.
 */
function rare(kind: VKind, x: string): string {
  const ax = v.and(x, ABS());
  const common = kind === 'tanh'
    ? v.or(v.igt(ax, k64(0x7fefffffffffffffn)), absLt(ax, 0x3e300000))
    : v.or(v.or(v.igt(ax, k64(0x40862000n << 32n)), absLt(ax, 0x3e300000)), v.eq(ax, kd(1)));
  return common;
}

/** A group's pieces: the test for rare lanes, the vector statements, the scalar statements, the locals. */
export interface GroupParts { locals: string; rare: string; vector: string[]; scalar: string[] }

/**
 * kinds[m] applied to local `${inputs[m]}`, result into local `${outputs[m]}`: `vector` is the f64x2
 * statements (the chains interleaved so the CPU overlaps their latencies), valid when `rare` (an i32
 * expression) is 0; `scalar` computes every lane by the scalar functions (same results, slower).
 * `tag` keeps the locals of several groups in one function apart.
 */
export function groupParts(kinds: VKind[], inputs: string[], outputs: string[], tag: string): GroupParts {
  const chains = kinds.map((kind, m) => CHAIN[kind](inputs[m], `_${tag}${m}`));
  const rareLanes = kinds.map((kind, m) => rare(kind, get(inputs[m]))).reduce((a, b) => v.or(a, b));
  const scalar = kinds.map((kind, m) => set(outputs[m], v.fromLanes(`(call $${kind} ${v.lane(get(inputs[m]), 0)})`, `(call $${kind} ${v.lane(get(inputs[m]), 1)})`)));
  const vector: string[] = [];
  const longest = Math.max(...chains.map((c) => c.stmts.length));
  for (let q = 0; q < longest; q++) for (const c of chains) if (q < c.stmts.length) vector.push(c.stmts[q]);
  vector.push(...chains.map((c, m) => set(outputs[m], c.result)));
  return { locals: chains.map((c) => locals('v128', ...c.locals)).join(' '), rare: v.any(rareLanes), vector, scalar };
}

/**
 * The same group as a function of kinds.length v128 arguments returning as many results: the scalar
 * functions if any lane of any input is rare, else the vector chains. (Called from a loop, as the
 * softmax does, its constants are rebuilt per call; a kernel's hot loop inlines groupParts: see cell.ts.)
 */
export function vectorGroup(name: string, kinds: VKind[]): string {
  const ins = kinds.map((_, m) => `x${m}`), outs = kinds.map((_, m) => `y${m}`);
  const g = groupParts(kinds, ins, outs, '');
  return `(func $${name} ${ins.map((x) => `(param $${x} v128)`).join(' ')} (result ${kinds.map(() => 'v128').join(' ')})
  ${locals('v128', ...outs)} ${g.locals}
  (if ${g.rare} (then ${g.scalar.join(' ')}) (else ${g.vector.join('\n    ')}))
  ${outs.map((y) => get(y)).join(' ')})`;
}

/** Entry points for the tests: dst[k] = fn(src[k]) for k < n, by the scalar functions (fnMap) and by the f64x2 groups (fnMapV, n even). */
export function mapFunctions(): string {
  const out: string[] = [];
  const loop = (name: string, step: number, body: string) => `(func (export "${name}") (param $src i32) (param $dst i32) (param $n i32)
  (local $end i32) (local $a v128) (local $b v128) (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
  (block $done (loop $l (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
    ${body}
    (local.set $src (i32.add (local.get $src) (i32.const ${step}))) (local.set $dst (i32.add (local.get $dst) (i32.const ${step}))) (br $l))))`;
  for (const fn of ['exp', 'expm1', 'tanh', 'sigmoid']) out.push(loop(`${fn}Map`, 8, `(f64.store (local.get $dst) (call $${fn} (f64.load (local.get $src))))`));
  for (const fn of ['exp', 'tanh', 'sigmoid'] as VKind[]) {
    out.push(loop(`${fn}MapV`, 16, `(v128.store (local.get $dst) (call $${fn}1 (v128.load (local.get $src))))`));
  }
  return out.join('\n');
}
