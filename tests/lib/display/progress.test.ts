import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatEpochProgress, progress } from '../../../src/lib/display/progress';
import { MIME } from '../../../src/lib/display/transport';
import { captureDisplays } from './capture';

let cap: ReturnType<typeof captureDisplays>;
beforeEach(() => { cap = captureDisplays(); });
afterEach(() => cap.restore());

describe('progress', () => {
  it('rewrites one line in place, escaping HTML', () => {
    const p = progress('a < b');
    p.update('step 2');
    expect(cap.sent.map((s) => [s.update, s.message.transient.display_id, s.message.data[MIME.text]])).toEqual([
      [false, p.displayId, 'a < b'], [true, p.displayId, 'step 2'],
    ]);
    expect(cap.sent[0].message.data[MIME.html]).toContain('class="reglab-progress"');
    expect(cap.sent[0].message.data[MIME.html]).toContain('a &lt; b');
  });

  it('formats an epoch record', () => {
    expect(formatEpochProgress({ epoch: 3, trainLoss: 2.0104, valLoss: 2.1, seconds: 4.23 }, 10)).toBe('epoch 3/10  train 2.010  val 2.100  4.2 s');
    expect(formatEpochProgress({ epoch: 1, trainLoss: NaN, valLoss: 2 }, undefined, 'keep 0.5')).toBe('keep 0.5: epoch 1  train NaN  val 2.000');
  });
});
