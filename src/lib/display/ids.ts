/**
 * Output and element ids that stay unique in a page that holds outputs from several kernel sessions.
 *
 * Left out on purpose: anything random in the modelling sense (these come from crypto, not an Rng).
 */
import { randomBytes } from 'crypto';

/** Random per process (not Math.random: ids are not modelling randomness), so ids from an earlier kernel never collide. */
const session = randomBytes(4).toString('hex');
let counter = 0;

/** `${prefix}-<session>-<n>`: unique within the process and, with high probability, within a page. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${session}-${counter}`;
}
