import { namesDataset } from '../src/lib/data/dataset';
import { train, TrainOptions } from '../src/lib/train/trainer';
import { EarlyStopping } from '../src/lib/train/early-stopping';
import { sampleNames } from '../src/lib/generate/sample';
import { Rng } from '../src/lib/numbers/rng';
import { evaluateLoss } from '../src/lib/train/evaluate';
const d = namesDataset({ seed: 0, maxTrainNames: 500, maxValNames: 300 });
const V = d.vocab.size, trainSet = new Set(d.names.train);
const hidden = Number(process.env.H ?? 96), embed = Number(process.env.E ?? 24);
const base = (keepProb: number, layerNorm: boolean): TrainOptions => ({ model: { vocabSize: V, embedDim: embed, hiddenSize: hidden, layerNorm, keepProb }, data: { train: d.tokens.train, val: d.tokens.val }, epochs: 30, batchSize: 16, unroll: 32, clip: 5, seed: 5, evalTrain: true, optimizer: { kind: 'adam', lr: 0.01 } });
const copies = (p: any, cfg: any) => { const s = sampleNames(p, cfg, d.vocab, new Rng(105), { count: 200, temperature: 1 }); return s.filter((n) => trainSet.has(n)).length / 200; };
const report = (name: string, r: any, cfg: any) => {
  const rec = r.history[r.paramsEpoch - 1];
  const trainEval = evaluateLoss(r.params, cfg, d.tokens.train, { N: 16, T: 32 });
  console.log(`${name.padEnd(34)} epochs ${String(r.history.length).padStart(2)} weights@${String(r.paramsEpoch).padStart(2)} val ${rec.valLoss.toFixed(4)} trainEval ${trainEval.toFixed(4)} gap ${(rec.valLoss - trainEval).toFixed(3)} copies ${(100 * copies(r.params, cfg)).toFixed(1)}% ${(r.totalSeconds).toFixed(0)}s`);
};
const only = process.argv.slice(2);
const es = (p: number, md: number) => new EarlyStopping({ patience: p, minDelta: md, restoreBestWeights: true });
const runs: [string, () => TrainOptions][] = [
  ['baseline (restore best)', () => ({ ...base(1, false), earlyStopping: new EarlyStopping({ patience: 30, restoreBestWeights: true }) })],
  ['k0.5 LN adamw1 p3 d.002', () => ({ ...base(0.5, true), optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 1 }, earlyStopping: es(3, 0.002) })],
  ['k0.7 plain adamw0.3 p3 d0', () => ({ ...base(0.7, false), optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.3 }, earlyStopping: es(3, 0) })],
  ['k0.5 plain adamw1 p3 d0', () => ({ ...base(0.5, false), optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 1 }, earlyStopping: es(3, 0) })],
  ['k0.6 LN adamw1 p4 d.001', () => ({ ...base(0.6, true), optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 1 }, earlyStopping: es(4, 0.001) })],
  ['k0.5 plain l2 1e-4 p3 d0', () => ({ ...base(0.5, false), l2: 1e-4, earlyStopping: es(3, 0) })],
  ['k0.7 LN l2 1e-4 p3 d0', () => ({ ...base(0.7, true), l2: 1e-4, earlyStopping: es(3, 0) })],
  ['wd30 p3 d.002 (underfit)', () => ({ ...base(1, false), optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 30 }, earlyStopping: es(3, 0.002) })],
];
for (const [name, make] of runs) { if (only.length && !only.some((o) => name.startsWith(o))) continue; const o = make(); report(name, train(o), o.model); }
