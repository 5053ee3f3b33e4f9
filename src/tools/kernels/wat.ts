/**
 * A few helpers that spell WAT expressions, so the generators read like the arithmetic they emit.
 * Every helper returns folded WAT text; nothing here reorders or fuses operations.
 */

export const get = (n: string) => `(local.get $${n})`;
export const set = (n: string, v: string) => `(local.set $${n} ${v})`;
export const tee = (n: string, v: string) => `(local.tee $${n} ${v})`;

/** The exact bits of a double as a WAT hex-float literal (or inf/nan), so constants are never re-rounded. */
export function f64lit(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const hi = b.getUint32(0), lo = b.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const e = (hi >>> 20) & 0x7ff;
  const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, '0');
  if (e === 0) return `${sign}0x0.${mant}p-1022`;
  return `${sign}0x1.${mant}p${e - 1023}`;
}

/** A double from its two 32-bit words (as fdlibm writes its constants). */
export function words(hi: number, lo: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setUint32(0, hi >>> 0);
  b.setUint32(4, lo >>> 0);
  return b.getFloat64(0);
}

/** Scalar f64. */
export const f = {
  c: (x: number) => `(f64.const ${f64lit(x)})`,
  add: (a: string, b: string) => `(f64.add ${a} ${b})`,
  sub: (a: string, b: string) => `(f64.sub ${a} ${b})`,
  mul: (a: string, b: string) => `(f64.mul ${a} ${b})`,
  div: (a: string, b: string) => `(f64.div ${a} ${b})`,
  neg: (a: string) => `(f64.neg ${a})`,
  sqrt: (a: string) => `(f64.sqrt ${a})`,
  load: (addr: string, off = 0) => `(f64.load offset=${off} ${addr})`,
  store: (addr: string, v: string, off = 0) => `(f64.store offset=${off} ${addr} ${v})`,
};

/** Scalar i32. */
export const i = {
  c: (x: number) => `(i32.const ${x | 0})`,
  add: (a: string, b: string) => `(i32.add ${a} ${b})`,
  sub: (a: string, b: string) => `(i32.sub ${a} ${b})`,
  mul: (a: string, b: string) => `(i32.mul ${a} ${b})`,
};

/** f64x2 lanes (and the integer views of the same v128). */
export const v = {
  c: (x: number) => `(v128.const f64x2 ${f64lit(x)} ${f64lit(x)})`,
  i64: (x: bigint) => `(v128.const i64x2 ${BigInt.asIntN(64, x)} ${BigInt.asIntN(64, x)})`,
  splat: (a: string) => `(f64x2.splat ${a})`,
  add: (a: string, b: string) => `(f64x2.add ${a} ${b})`,
  sub: (a: string, b: string) => `(f64x2.sub ${a} ${b})`,
  mul: (a: string, b: string) => `(f64x2.mul ${a} ${b})`,
  div: (a: string, b: string) => `(f64x2.div ${a} ${b})`,
  neg: (a: string) => `(f64x2.neg ${a})`,
  sqrt: (a: string) => `(f64x2.sqrt ${a})`,
  eq: (a: string, b: string) => `(f64x2.eq ${a} ${b})`,
  lt: (a: string, b: string) => `(f64x2.lt ${a} ${b})`,
  le: (a: string, b: string) => `(f64x2.le ${a} ${b})`,
  gt: (a: string, b: string) => `(f64x2.gt ${a} ${b})`,
  ge: (a: string, b: string) => `(f64x2.ge ${a} ${b})`,
  and: (a: string, b: string) => `(v128.and ${a} ${b})`,
  or: (a: string, b: string) => `(v128.or ${a} ${b})`,
  xor: (a: string, b: string) => `(v128.xor ${a} ${b})`,
  not: (a: string) => `(v128.not ${a})`,
  andnot: (a: string, b: string) => `(v128.andnot ${a} ${b})`,
  /** mask ? a : b, lane by lane (mask lanes all ones or all zeros). */
  sel: (mask: string, a: string, b: string) => `(v128.bitselect ${a} ${b} ${mask})`,
  any: (m: string) => `(v128.any_true ${m})`,
  /** Signed 64-bit lane compares (on bit patterns). */
  igt: (a: string, b: string) => `(i64x2.gt_s ${a} ${b})`,
  ilt: (a: string, b: string) => `(i64x2.lt_s ${a} ${b})`,
  ige: (a: string, b: string) => `(i64x2.ge_s ${a} ${b})`,
  iadd: (a: string, b: string) => `(i64x2.add ${a} ${b})`,
  isub: (a: string, b: string) => `(i64x2.sub ${a} ${b})`,
  ishl: (a: string, n: number) => `(i64x2.shl ${a} (i32.const ${n}))`,
  /** Truncate f64 lanes to integers (toward zero) and back to f64: C's (double)(int)x for |x| < 2^31. */
  truncInt: (a: string) => `(f64x2.convert_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero ${a}))`,
  /** f64 lanes holding small integers -> i64 lanes. */
  toI64: (a: string) => `(i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero ${a}))`,
  lane: (a: string, k: number) => `(f64x2.extract_lane ${k} ${a})`,
  fromLanes: (a: string, b: string) => `(f64x2.replace_lane 1 (f64x2.splat ${a}) ${b})`,
  load: (addr: string, off = 0) => `(v128.load offset=${off} ${addr})`,
  store: (addr: string, val: string, off = 0) => `(v128.store offset=${off} ${addr} ${val})`,
};

/** Declares locals: locals('f64', 'a', 'b') -> (local $a f64) (local $b f64). */
export function locals(type: 'i32' | 'i64' | 'f64' | 'v128', ...names: string[]): string {
  return names.map((n) => `(local $${n} ${type})`).join(' ');
}
