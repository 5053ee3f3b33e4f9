import { describe, expect, it } from 'vitest';
import { runHash, runMatrix, stableStringify } from '../../../src/tools/study/matrix';
import { defaultPlan, quickPlan } from '../../../src/tools/study/plans';
import { StudyPlan } from '../../../src/tools/study/plan';

describe('runMatrix', () => {
  it('crosses every condition with every seed, condition-major, with unique ids', () => {
    const plan = defaultPlan();
    const runs = runMatrix(plan);
    expect(runs.length).toBe(plan.conditions.length * plan.seeds.length);
    expect(runs.slice(0, 4).map((r) => r.id)).toEqual(['none-seed1', 'none-seed2', 'none-seed3', 'dropout-0.9-seed1']);
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(new Set(runs.map((r) => r.hash)).size).toBe(runs.length);
    expect(runs.every((r) => r.total === runs.length)).toBe(true);
  });

  it('covers the conditions the study asks for (default: hidden 128, three seeds)', () => {
    const plan = defaultPlan();
    expect(plan.settings.hiddenSize).toBe(128);
    expect(plan.seeds.length).toBe(3);
    const c = Object.fromEntries(plan.conditions.map((x) => [x.name, x]));
    expect(c.none).toMatchObject({ keepProb: 1, layerNorm: false, l2: 0, weightDecay: 0, patience: null });
    expect(plan.conditions.filter((x) => x.keepProb < 1 && !x.layerNorm).length).toBeGreaterThanOrEqual(2);
    expect(c.layernorm.layerNorm).toBe(true);
    expect(c.l2.l2).toBeGreaterThan(0);
    expect(c.adamw.weightDecay).toBeGreaterThan(0);
    expect(c['early-stop'].patience).not.toBe(null);
    expect(c.all.keepProb < 1 && c.all.layerNorm && c.all.weightDecay > 0 && c.all.patience !== null).toBe(true);
  });

  it('changes only the hashes of what changed', () => {
    const plan = defaultPlan();
    const before = runMatrix(plan);
    const edited: StudyPlan = { ...plan, conditions: plan.conditions.map((c) => (c.name === 'l2' ? { ...c, l2: 2e-4 } : c)) };
    const after = runMatrix(edited);
    before.forEach((r, i) => expect(after[i].hash === r.hash).toBe(r.condition.name !== 'l2'));
    const longer = runMatrix({ ...plan, settings: { ...plan.settings, epochs: plan.settings.epochs + 1 } });
    before.forEach((r, i) => expect(longer[i].hash).not.toBe(r.hash));
  });

  it('rejects bad plans with a message naming the problem', () => {
    const plan = quickPlan();
    expect(() => runMatrix({ ...plan, seeds: [] })).toThrow(/no seeds/);
    expect(() => runMatrix({ ...plan, seeds: [1, 1] })).toThrow(/seeds repeat/);
    expect(() => runMatrix({ ...plan, conditions: [plan.conditions[0], plan.conditions[0]] })).toThrow(/appears twice/);
    expect(() => runMatrix({ ...plan, conditions: [{ ...plan.conditions[0], keepProb: 0 }] })).toThrow(/keepProb must be in \(0, 1\]/);
    expect(() => runMatrix({ ...plan, settings: { ...plan.settings, epochs: 0 } })).toThrow(/epochs must be a positive integer/);
  });
});

describe('stableStringify / runHash', () => {
  it('does not depend on key order', () => {
    expect(stableStringify({ b: 1, a: { d: [1, 2], c: null } })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    const { settings, conditions } = quickPlan();
    const shuffled = Object.fromEntries(Object.entries(settings).reverse()) as typeof settings;
    expect(runHash(shuffled, conditions[0], 1)).toBe(runHash(settings, conditions[0], 1));
    expect(runHash(settings, conditions[0], 2)).not.toBe(runHash(settings, conditions[0], 1));
  });
});
