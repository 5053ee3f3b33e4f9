/**
 * The pointwise part of one LSTM step, shared by the plain LSTM (lstm.ts) and the LN-LSTM
 * (ln-lstm.ts): the gates and the cell update, then the output through a tanh. The two LSTMs differ
 * only in what feeds the output tanh (c itself, or LN(c)) and in how the pre-activations are made.
 * Gate order along the 4H axis: i, f, o, g, columns [0, H), [H, 2H), [2H, 3H), [3H, 4H).
 *
 *   gates:  i = σ(a_i)  f = σ(a_f)  o = σ(a_o)  g = tanh(a_g);   c = f ⊙ c_prev + i ⊙ g
 *   output: tc = tanh(z);  h = o ⊙ tc          (z = c for the plain LSTM, LN(c) for the LN-LSTM)
 *
 * Every function takes typed-array views of the rows of one step (N rows): G, dA (N, 4H); the others
 * (N, H). Forward directly above backward.
 *
 * Each loop has a WebAssembly SIMD twin (src/tools/kernels/cell.ts) giving the same bits; it runs when
 * every array is a view of the kernels' memory (inside a training step), this code otherwise.
 *
 * Left out on purpose: the matrix products (the layers do them over whole blocks of rows).
 */
import { wasmCall } from '../kernels/kernels';

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** G: pre-activations a on entry, activations i, f, o, g on exit (kept for the backward pass). Writes c. */
export function lstmGatesForward(N: number, H: number, G: Float64Array, cPrev: Float64Array, c: Float64Array): void {
  if (wasmCall('lstmGatesForward', [N, H], [G, cPrev, c])) return;
  for (let n = 0; n < N; n++) {
    const go = n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(G[go + j]), f = sigmoid(G[go + H + j]), o = sigmoid(G[go + 2 * H + j]), g = Math.tanh(G[go + 3 * H + j]);
      G[go + j] = i; G[go + H + j] = f; G[go + 2 * H + j] = o; G[go + 3 * H + j] = g;
      c[so + j] = f * cPrev[so + j] + i * g;
    }
  }
}

/**
 * Backward of the gates, given dc, the whole gradient on c (from the next step and from this step's
 * output): writes da_i, da_f, da_g into dA and leaves the gradient on c_prev in dc.
 *   da_i = dc ⊙ g ⊙ i(1-i),  da_f = dc ⊙ c_prev ⊙ f(1-f),  da_g = dc ⊙ i ⊙ (1-g²);  dc_prev = dc ⊙ f
 */
export function lstmGatesBackward(N: number, H: number, G: Float64Array, cPrev: Float64Array, dc: Float64Array, dA: Float64Array): void {
  if (wasmCall('lstmGatesBackward', [N, H], [G, cPrev, dc, dA])) return;
  for (let n = 0; n < N; n++) {
    const go = n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const i = G[go + j], f = G[go + H + j], g = G[go + 3 * H + j];
      const dct = dc[so + j];
      dA[go + j] = dct * g * i * (1 - i);
      dA[go + H + j] = dct * cPrev[so + j] * f * (1 - f);
      dA[go + 3 * H + j] = dct * i * (1 - g * g);
      dc[so + j] = dct * f;
    }
  }
}

/** tc = tanh(z), h = o ⊙ tc, with o from the activations G. tc may be z itself (in place). */
export function lstmOutputForward(N: number, H: number, G: Float64Array, z: Float64Array, tc: Float64Array, h: Float64Array): void {
  if (wasmCall('lstmOutputForward', [N, H], [G, z, tc, h])) return;
  for (let n = 0; n < N; n++) {
    const go = n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const t = Math.tanh(z[so + j]);
      tc[so + j] = t;
      h[so + j] = G[go + 2 * H + j] * t;
    }
  }
}

/**
 * Backward of the output: dh, the gradient on h -> da_o = dh ⊙ tc ⊙ o(1-o) into dA, and
 * dz = dh ⊙ o ⊙ (1 - tc²) written into dz (added to it when `accumulate`, which is how the plain LSTM
 * adds this path to the gradient on c coming from the next step).
 */
export function lstmOutputBackward(N: number, H: number, G: Float64Array, tc: Float64Array, dh: Float64Array,
  dz: Float64Array, dA: Float64Array, accumulate: boolean): void {
  if (wasmCall('lstmOutputBackward', [N, H], [G, tc, dh, dz, dA], [accumulate ? 1 : 0])) return;
  for (let n = 0; n < N; n++) {
    const go = n * 4 * H, so = n * H;
    for (let j = 0; j < H; j++) {
      const o = G[go + 2 * H + j], t = tc[so + j], d = dh[so + j];
      const v = d * o * (1 - t * t);
      dz[so + j] = accumulate ? dz[so + j] + v : v;
      dA[go + 2 * H + j] = d * t * o * (1 - o);
    }
  }
}
