/**
 * A progress line that rewrites itself in place (one display id), e.g. under a live training plot:
 * `epoch 3/10  train 2.010  val 2.100  4.2 s`. Outside a notebook each update prints one line.
 *
 * Left out on purpose: bars, ETA estimates, rate limiting (one update per epoch is cheap).
 */
import { escapeHtml } from '../text/html';
import { uniqueId } from './ids';
import { emit } from './show';
import { MIME } from './transport';

export interface ProgressLine {
  readonly displayId: string;
  /** Replaces the line's text. */
  update(text: string): void;
}

function progressBundle(text: string): Record<string, unknown> {
  return {
    [MIME.html]: `<div class="reglab-progress" style="font-family:monospace;white-space:pre;opacity:0.85;">${escapeHtml(text)}</div>`,
    [MIME.text]: text,
  };
}

/** Creates the line (a new output) with `text` and returns a handle to rewrite it. */
export function progress(text: string): ProgressLine {
  const displayId = uniqueId('reglab-progress');
  emit(displayId, progressBundle(String(text)), false);
  return { displayId, update: (t: string) => emit(displayId, progressBundle(String(t)), true) };
}

/** The fields of an epoch record a progress line reads (structural, like the trainer's EpochRecord). */
export interface ProgressRecord { epoch: number; trainLoss: number; valLoss: number; seconds?: number }

/** `epoch 3/10  train 2.010  val 2.100  4.2 s` (total and seconds only when known; a prefix such as a run name). */
export function formatEpochProgress(r: ProgressRecord, totalEpochs?: number, prefix?: string): string {
  const loss = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : String(x));
  const parts = [
    `epoch ${r.epoch}${totalEpochs ? `/${totalEpochs}` : ''}`,
    `train ${loss(r.trainLoss)}`,
    `val ${loss(r.valLoss)}`,
  ];
  if (typeof r.seconds === 'number' && Number.isFinite(r.seconds)) parts.push(`${r.seconds.toFixed(1)} s`);
  return (prefix ? `${prefix}: ` : '') + parts.join('  ');
}
