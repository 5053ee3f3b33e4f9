import { describe, expect, it } from 'vitest';
import { checkBundle, checkHtml, checkText } from '../../../src/lib/display/check-bundle';
import { CHECK_MIME, CheckResult } from '../../../src/lib/checks/result';
import { MIME } from '../../../src/lib/display/transport';

const pass: CheckResult = { id: 'dropout-forward', points: 2, max: 2, passed: true, message: 'relative error 3e-10 < 1e-7' };
const fail: CheckResult = { id: 'ln-backward', points: 0, max: 3, passed: false, message: 'dgamma is off', expected: '1 ± 1e-6', got: '<0.5>', hint: 'sum over the batch' };
const todo: CheckResult = { id: 'l2', points: 0, max: 1, passed: false, message: 'not implemented yet', hint: 'write it', notImplemented: true };

describe('check bundle', () => {
  it('carries the CheckResult JSON, HTML and text in one bundle', () => {
    const b = checkBundle(fail);
    expect(Object.keys(b).sort()).toEqual([CHECK_MIME, MIME.html, MIME.text].sort());
    expect(b[CHECK_MIME]).toEqual(fail);
  });

  it('writes the text lines', () => {
    expect(checkText(pass)).toBe('PASS [2/2] dropout-forward: relative error 3e-10 < 1e-7');
    expect(checkText(todo)).toBe('FAIL [0/1] l2: not implemented yet\n  hint:     write it');
    expect(checkText(fail)).toBe('FAIL [0/3] ln-backward: dgamma is off\n  expected: 1 ± 1e-6\n  got:      <0.5>\n  hint:     sum over the batch');
  });

  it('draws a badge with pass/fail classes, points and escaped details', () => {
    expect(checkHtml(pass)).toMatch(/^<div class="reglab-check reglab-pass" data-check-id="dropout-forward"/);
    expect(checkHtml(pass)).toContain('>PASS</span>');
    expect(checkHtml(pass)).not.toContain('reglab-details');
    const h = checkHtml(fail);
    expect(h).toContain('class="reglab-check reglab-fail"');
    expect(h).toContain('<span class="reglab-points" style="font-weight:700;">0/3</span>');
    expect(h).toContain('<div class="reglab-got"');
    expect(h).not.toContain('<table');
    expect(h).toContain('&lt;0.5&gt;');
    expect(h).toContain('sum over the batch');
    expect(checkHtml(todo)).toContain('class="reglab-check reglab-fail reglab-todo"');
    expect(checkHtml(todo)).toContain('>TODO</span>');
  });
});
