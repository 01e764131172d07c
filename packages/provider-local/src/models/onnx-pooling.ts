/**
 * Turns token vectors into one sentence vector, as sentence-transformers' Pooling module does, and
 * scales it to unit length. The modes come from `1_Pooling/config.json`; when several are on, their
 * vectors are concatenated in sentence-transformers' order (cls, max, mean, mean_sqrt_len,
 * lasttoken). Without that file: mean pooling, the sentence-transformers default.
 *
 * Every vector is L2-normalised, so cosine similarity is a dot product and vectors compare across
 * models of the same family; mean and mean_sqrt_len then give the same vector.
 */
export type PoolingMode = 'cls' | 'max' | 'mean' | 'mean_sqrt_len' | 'lasttoken';

const MODE_KEYS: ReadonlyArray<[PoolingMode, string]> = [
  ['cls', 'pooling_mode_cls_token'],
  ['max', 'pooling_mode_max_tokens'],
  ['mean', 'pooling_mode_mean_tokens'],
  ['mean_sqrt_len', 'pooling_mode_mean_sqrt_len_tokens'],
  ['lasttoken', 'pooling_mode_lasttoken'],
];

export function poolingModes(config: Record<string, unknown> | undefined): PoolingMode[] {
  if (!config) return ['mean'];
  if (config.pooling_mode_weightedmean_tokens === true) {
    throw new Error("1_Pooling/config.json asks for weighted-mean pooling, which Lateral does not implement; use 'mean' or 'cls'.");
  }
  const modes = MODE_KEYS.filter(([, key]) => config[key] === true).map(([mode]) => mode);
  return modes.length > 0 ? modes : ['mean'];
}

/**
 * Pools one sequence of a [batch, sequence, hidden] output. `mask[t]` is 1 for real tokens and 0
 * for padding, which must not count: that is what makes a text's vector the same alone or in a
 * batch with longer texts.
 */
export function poolSequence(hidden: Float32Array, offset: number, length: number, width: number, mask: ArrayLike<number>, modes: readonly PoolingMode[]): number[] {
  const pooled: number[] = [];
  for (const mode of modes) pooled.push(...poolOne(hidden, offset, length, width, mask, mode));
  return pooled;
}

function poolOne(hidden: Float32Array, offset: number, length: number, width: number, mask: ArrayLike<number>, mode: PoolingMode): number[] {
  const at = (token: number, d: number) => hidden[offset + token * width + d]!;
  const result = new Array<number>(width).fill(0);
  if (mode === 'cls') {
    for (let d = 0; d < width; d += 1) result[d] = at(0, d);
    return result;
  }
  if (mode === 'lasttoken') {
    let last = 0;
    for (let t = 0; t < length; t += 1) if (mask[t]) last = t;
    for (let d = 0; d < width; d += 1) result[d] = at(last, d);
    return result;
  }
  if (mode === 'max') {
    result.fill(Number.NEGATIVE_INFINITY);
    for (let t = 0; t < length; t += 1) if (mask[t]) for (let d = 0; d < width; d += 1) result[d] = Math.max(result[d]!, at(t, d));
    return result.map((value) => (Number.isFinite(value) ? value : 0));
  }
  let count = 0;
  for (let t = 0; t < length; t += 1) {
    if (!mask[t]) continue;
    count += 1;
    for (let d = 0; d < width; d += 1) result[d]! += at(t, d);
  }
  const divisor = mode === 'mean' ? count : Math.sqrt(count);
  return divisor > 0 ? result.map((value) => value / divisor) : result;
}

/** Unit length (a zero vector stays zero); values rounded to float32, what the model computes in. */
export function normalizeL2(vector: number[]): number[] {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return vector.map((value) => Math.fround(norm > 0 ? value / norm : 0));
}
