/**
 * A fresh optimizer from a plain spec, so a trainer option can say
 * `{ kind: 'adamw', lr: 2e-3, weightDecay: 0.1 }` and each training run gets its own, unused moments.
 */
import type { Optimizer } from './optimizer';
import { SGD, SGDOptions } from './sgd';
import { Adam, AdamW, AdamOptions } from './adam';

export type OptimizerSpec =
  | ({ kind: 'sgd' } & SGDOptions)
  | ({ kind: 'adam' } & AdamOptions)
  | ({ kind: 'adamw' } & AdamOptions);

export function makeOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new SGD(spec);
    case 'adam':
      return new Adam(spec);
    case 'adamw':
      return new AdamW(spec);
    default:
      throw new RangeError(`makeOptimizer: unknown kind '${(spec as { kind: unknown }).kind}' (use 'sgd', 'adam' or 'adamw')`);
  }
}
