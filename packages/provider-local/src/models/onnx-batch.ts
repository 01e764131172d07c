import type { TokenizedText } from './tokenizer-hf.js';

/** Texts per forward pass: enough to amortise a call, small enough to bound padding and memory. */
export const ONNX_SUB_BATCH = 32;

/** One padded forward pass: rows × width token matrices, row-major. */
export interface PaddedBatch {
  /** Positions (in the caller's list) of the texts in this batch, in row order. */
  indexes: number[];
  rows: number;
  width: number;
  ids: number[];
  typeIds: number[];
  mask: number[];
  positions: number[];
}

/**
 * Splits tokenized texts into sub-batches of similar length (sorted longest first, so a long text
 * does not make 31 short ones carry its padding) and pads each to its longest text. Padding gets
 * the pad id, type 0 and mask 0; pooling ignores it.
 */
export function paddedBatches(texts: readonly TokenizedText[], padId: number, size = ONNX_SUB_BATCH): PaddedBatch[] {
  const order = texts.map((_, index) => index).sort((a, b) => texts[b]!.ids.length - texts[a]!.ids.length || a - b);
  const batches: PaddedBatch[] = [];
  for (let start = 0; start < order.length; start += size) {
    const indexes = order.slice(start, start + size);
    const width = Math.max(1, ...indexes.map((index) => texts[index]!.ids.length));
    const batch: PaddedBatch = { indexes, rows: indexes.length, width, ids: [], typeIds: [], mask: [], positions: [] };
    for (const index of indexes) {
      const { ids, typeIds } = texts[index]!;
      for (let t = 0; t < width; t += 1) {
        const real = t < ids.length;
        batch.ids.push(real ? ids[t]! : padId);
        batch.typeIds.push(real ? (typeIds[t] ?? 0) : 0);
        batch.mask.push(real ? 1 : 0);
        batch.positions.push(t);
      }
    }
    batches.push(batch);
  }
  return batches;
}
