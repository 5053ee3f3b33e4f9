/**
 * Short, stable number formatting for labels, summaries and check messages: 4 significant digits,
 * exponent form for very small or very large magnitudes ("3e-10", "2.303", "1.5e+6").
 *
 * Left out on purpose: locales and units; callers append units themselves.
 */

/** 4 significant digits; exponent form below 1e-3 or from 1e5; integers under 1e5 printed as they are. */
export function formatNumber(x: number, digits = 4): string {
  if (typeof x !== 'number') return String(x);
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e5) return String(x);
  if (a < 1e-3 || a >= 1e5) return stripZeros(x.toExponential(Math.max(0, digits - 2)));
  return stripZeros(x.toPrecision(digits));
}

/** "3.00e-10" -> "3e-10", "2.3000" -> "2.3". */
function stripZeros(s: string): string {
  const [mantissa, exponent] = s.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}
