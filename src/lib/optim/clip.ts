/**
 * Global-norm gradient clipping (Pascanu et al. 2013): if the norm of all gradients taken together
 * exceeds maxNorm, scale them all by maxNorm / norm, so the step keeps its direction but not its size.
 *   norm = sqrt(sum over all parameters and entries of dw^2)
 *
 * Left out on purpose: per-parameter or per-value clipping.
 */
import { Params } from '../numbers/tensor';

/** sqrt of the sum of squares of every entry of every matrix (optionally only those `filter` selects). */
export function globalNorm(mats: Params, filter?: (name: string) => boolean): number {
  let sum = 0;
  for (const [name, m] of Object.entries(mats)) {
    if (filter && !filter(name)) continue;
    const d = m.data;
    for (let i = 0; i < d.length; i++) sum += d[i] * d[i];
  }
  return Math.sqrt(sum);
}

/**
 * Scales `grads` in place so their global norm is at most `maxNorm`; returns the norm before
 * clipping (log it: a rising clipped norm is a sign of instability). A non-finite norm leaves the
 * gradients untouched and is returned as is, so the caller can see it and stop.
 */
export function clipGradNorm(grads: Params, maxNorm: number): number {
  if (!(maxNorm > 0)) throw new RangeError(`clipGradNorm: maxNorm must be > 0, got ${maxNorm}`);
  const norm = globalNorm(grads);
  if (Number.isFinite(norm) && norm > maxNorm) {
    const scale = maxNorm / norm;
    for (const m of Object.values(grads)) {
      const d = m.data;
      for (let i = 0; i < d.length; i++) d[i] *= scale;
    }
  }
  return norm;
}
