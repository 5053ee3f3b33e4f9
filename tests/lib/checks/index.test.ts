import { describe, expect, it } from 'vitest';
import * as checks from '../../../src/lib/checks';
import * as display from '../../../src/lib/display';
import * as plots from '../../../src/lib/plots';

describe('public surface', () => {
  it('the namespace modules load and expose the notebook API', () => {
    expect(typeof checks.check).toBe('function');
    expect(typeof checks.notImplemented).toBe('function');
    expect(checks.CHECK_MIME).toBe('application/vnd.reglab.check+json');
    expect(typeof display.liveLossCurves).toBe('function');
    expect(typeof display.initPlotly).toBe('function');
    expect('setTransport' in display).toBe(false);
    expect(typeof plots.lossCurves).toBe('function');
  });
});
