import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateCheck, runCheck } from '../../../src/lib/checks/run';
import { NotImplementedError } from '../../../src/lib/checks/not-implemented';
import { check } from '../../../src/lib/display/check';
import { CHECK_MIME, CheckResult } from '../../../src/lib/checks/result';
import { MIME } from '../../../src/lib/display/transport';
import { captureDisplays } from '../display/capture';

let cap: ReturnType<typeof captureDisplays>;
beforeEach(() => { cap = captureDisplays(); });
afterEach(() => cap.restore());

const stub = (x: number): number => {
  if (x > -1) throw new NotImplementedError('dropoutForward');
  return x;
};

describe('check', () => {
  it('passes with all points and the assertions as message, shown as one output with three MIME types', () => {
    const ret = check('dropout-forward', 2, (t) => { t.closeTo(0.5 + 1e-9, 0.5, 1e-6, 'mean'); t.relError([1, 2], [1, 2 + 1e-12], 1e-7, 'dx'); });
    expect(ret).toBeUndefined(); // nothing for tslab to print after the cell
    expect(cap.sent).toHaveLength(1);
    const data = cap.sent[0].message.data;
    expect(Object.keys(data).sort()).toEqual([CHECK_MIME, MIME.html, MIME.text].sort());
    expect(data[CHECK_MIME]).toEqual({ id: 'dropout-forward', points: 2, max: 2, passed: true, message: 'mean = 0.5 ≈ 0.5; dx: relative error 3e-13 < 1e-7' });
    expect(data[MIME.text]).toBe('PASS [2/2] dropout-forward: mean = 0.5 ≈ 0.5; dx: relative error 3e-13 < 1e-7');
  });

  it('reports a stub as not implemented, sync or async', async () => {
    const r = evaluateCheck('dropout-forward', 2, (t) => t.closeTo(stub(1), 1)) as CheckResult;
    expect(r).toEqual({
      id: 'dropout-forward', points: 0, max: 2, passed: false, message: 'dropoutForward: not implemented yet', notImplemented: true,
      hint: expect.stringMatching(/exercise cell above/),
    });
    const a = await runCheck('x', 1, async () => { await Promise.resolve(); throw new NotImplementedError(); });
    expect([a.passed, a.message, a.notImplemented]).toEqual([false, 'not implemented yet', true]);
    expect((await runCheck('x', 1, (t) => t.throws(() => stub(0)))).notImplemented).toBe(true); // a stub never passes "should throw"
    expect(r.hint).toContain('throw new rl.NotImplementedError();'); // the stub the student copies hold, word for word
  });

  it('a stub that says what to re-run gives that as the hint', async () => {
    const r = await runCheck('pipeline', 1, () => { throw new NotImplementedError('trainRegularized', 'run the cell "The regularized run" again, then this check'); });
    expect([r.notImplemented, r.message, r.hint]).toEqual([true, 'trainRegularized: not implemented yet', 'run the cell "The regularized run" again, then this check']);
  });

  it('names the function a learner\'s code threw in, when the stack shows a notebook cell', async () => {
    const e = new TypeError("Cannot read properties of null (reading 'data')");
    e.stack = `TypeError: ${e.message}\n    at Proxy.dropoutBackward (evalmachine.<anonymous>:30:14)\n    at evalmachine.<anonymous>:3:13\n    at Script.runInThisContext (node:vm:135:14)`;
    const r = await runCheck('dropout-backward', 2, () => { throw e; });
    expect(r.message).toBe("threw TypeError: Cannot read properties of null (reading 'data') in dropoutBackward");
  });

  it('turns assertion failures into expected / got / hint', async () => {
    const r = await runCheck('keep-mean', 3, (t) => t.closeTo(0.8, 1, 0.05, { what: 'mean of out', hint: 'divide by keepProb' }));
    expect(r).toEqual({ id: 'keep-mean', points: 0, max: 3, passed: false, message: 'mean of out is off by 0.2 (tolerance 0.05)', expected: '1 ± 0.05', got: '0.8', hint: 'divide by keepProb' });
    const withDefaultHint = await runCheck('k', 1, (t) => t.isTrue(false, 'stopped early'), { hint: 'patience?' });
    expect([withDefaultHint.message, withDefaultHint.hint]).toEqual(['stopped early', 'patience?']);
  });

  it('never throws or rejects: sync throw, async rejection, non-Error throws, hostile values', async () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['sync', () => { throw new TypeError('x is not a function'); }, /^threw TypeError: x is not a function$/],
      ['async', async () => { throw new RangeError('bad N'); }, /^threw RangeError: bad N$/],
      ['string', () => { throw 'oops'; }, /^threw the string "oops"$/],
      ['null', () => { throw null; }, /^threw null$/],
      ['undefined', () => Promise.reject(undefined), /^threw undefined$/],
      ['object', () => { throw { code: 7 }; }, /^threw \{"code":7\}$/],
      ['proxy', () => { throw new Proxy({}, { get() { throw new Error('gotcha'); }, getPrototypeOf() { throw new Error('gotcha'); } }); }, /./],
      ['thenable', () => ({ then() { throw new Error('bad then'); } }), /^threw Error: bad then$/],
    ];
    for (const [name, fn, message] of cases) {
      let r: CheckResult | undefined;
      await expect((async () => { r = await runCheck(name, 1, fn); })()).resolves.toBeUndefined();
      expect(r?.passed, name).toBe(false);
      expect(r?.points, name).toBe(0);
      expect(r?.message, name).toMatch(message);
      await expect(check(name, 1, async () => fn())).resolves.toBeUndefined();
    }
    expect(() => check('sync-throw', 1, () => { throw new Error('no'); })).not.toThrow();
    expect(cap.sent.every((s) => (s.message.data[CHECK_MIME] as CheckResult).passed === false)).toBe(true);
  });

  it('times out a hanging async check', async () => {
    const r = await runCheck('hang', 2, () => new Promise(() => {}), { timeoutMs: 30 });
    expect([r.passed, r.message]).toEqual([false, 'timed out after 0.03 s']);
  });

  it('fails when no assertion ran, when fn returns false, or when a caught failure was swallowed', async () => {
    expect((await runCheck('empty', 1, () => {})).message).toMatch(/made no assertion/);
    expect((await runCheck('bool', 1, () => false)).message).toBe('the check returned false');
    expect((await runCheck('true', 1, () => true)).passed).toBe(true);
    const swallowed = await runCheck('sw', 1, (t) => { try { t.closeTo(1, 2); } catch { /* student-style swallow */ } t.isTrue(true, 'fine'); });
    expect([swallowed.passed, swallowed.expected]).toEqual([false, '2 ± 1e-6']);
  });

  it('reports bad declarations instead of throwing', async () => {
    expect((await runCheck('has space', 1, () => true)).message).toMatch(/bad check declaration: id/);
    expect((await runCheck('ok', -1, () => true)).message).toMatch(/points must be a finite number >= 0, got -1/);
    expect((await runCheck('ok', 1, 'nope' as never)).message).toMatch(/expected a function/);
  });

  it('returns a promise for async checks that resolves after the result is shown', async () => {
    const p = check('later', 1, async (t) => { await new Promise((r) => setTimeout(r, 5)); t.isTrue(true, 'ok'); });
    expect(p).toBeInstanceOf(Promise);
    expect(cap.sent).toHaveLength(0);
    await p;
    expect(cap.sent[0].message.data[MIME.text]).toBe('PASS [1/1] later: ok');
  });
});
