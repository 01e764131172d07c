import { localThreads } from './local-threads.js';
import type { InferenceSession, Tensor, TypedTensor } from 'onnxruntime-node';
import type { LocalEmbeddingModel } from './local-model.js';
import { paddedBatches, type PaddedBatch } from './onnx-batch.js';
import { readOnnxModelFiles } from './onnx-model-files.js';
import { normalizeL2, poolingModes, poolSequence, type PoolingMode } from './onnx-pooling.js';
import { HfTokenizer } from './tokenizer-hf.js';

/** Graph inputs Lateral knows how to fill; any other required input makes the model unusable. */
const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);
/** Outputs holding per-token vectors, by the names exporters give them. */
const TOKEN_OUTPUTS = ['last_hidden_state', 'token_embeddings'];
/** Already-pooled outputs (some sentence-transformers exports). */
const SENTENCE_OUTPUTS = ['sentence_embedding', 'sentence_embeddings', 'pooler_output'];

type OnnxRuntime = typeof import('onnxruntime-node');

/**
 * A sentence-embedding model exported to ONNX in the Hugging Face layout, run by onnxruntime-node
 * on the CPU with the model's own tokenizer: tokenize, truncate to the model's maximum length,
 * batch by 32 with padding, run the graph, pool over the attention mask (or CLS, per
 * `1_Pooling/config.json`), L2-normalise. Dimensions are read from the graph's output.
 */
export async function loadOnnxEmbeddingModel(directory: string): Promise<LocalEmbeddingModel> {
  const files = readOnnxModelFiles(directory);
  const tokenizer = new HfTokenizer(files);
  const modes = poolingModes(files.pooling);
  const ort: OnnxRuntime = await import('onnxruntime-node');
  const threads = localThreads();
  const session = await ort.InferenceSession.create(files.graph, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    // Idle ORT threads spin by default; on a machine shared with other work (or llama.cpp) that
    // steals the cores the other work needs.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    logSeverityLevel: 3,
  });
  const unknown = session.inputNames.filter((name) => !KNOWN_INPUTS.has(name));
  if (unknown.length > 0 || !session.inputNames.includes('input_ids')) {
    throw new Error(`${files.graph} takes inputs ${session.inputNames.join(', ')}; Lateral fills input_ids, attention_mask, token_type_ids and position_ids.`);
  }
  const output = chooseOutput(session);
  const run = (batch: PaddedBatch) => runBatch(ort, session, output, batch, modes);
  const embed = async (texts: string[]): Promise<number[][]> => {
    const vectors = new Array<number[]>(texts.length);
    for (const batch of paddedBatches(texts.map((text) => tokenizer.encode(text)), tokenizer.padId)) {
      const pooled = await run(batch);
      batch.indexes.forEach((index, row) => (vectors[index] = pooled[row]!));
    }
    return vectors;
  };
  const [probe] = await embed(['']);
  return { kind: 'embedding', dimensions: probe!.length, embed };
}

function chooseOutput(session: InferenceSession): { name: string; pooled: boolean } {
  const names = session.outputNames;
  const token = TOKEN_OUTPUTS.find((name) => names.includes(name));
  if (token) return { name: token, pooled: false };
  const sentence = SENTENCE_OUTPUTS.find((name) => names.includes(name));
  if (sentence) return { name: sentence, pooled: true };
  // An unnamed export: its first output, pooled or not as its rank says at run time.
  return { name: names[0]!, pooled: false };
}

async function runBatch(
  ort: OnnxRuntime,
  session: InferenceSession,
  output: { name: string; pooled: boolean },
  batch: PaddedBatch,
  modes: readonly PoolingMode[],
): Promise<number[][]> {
  const shape = [batch.rows, batch.width];
  const feeds: Record<string, Tensor> = {};
  const columns: Record<string, number[]> = {
    input_ids: batch.ids,
    attention_mask: batch.mask,
    token_type_ids: batch.typeIds,
    position_ids: batch.positions,
  };
  for (const meta of session.inputMetadata) {
    const values = columns[meta.name]!;
    const int32 = meta.isTensor && meta.type === 'int32';
    feeds[meta.name] = int32
      ? new ort.Tensor('int32', Int32Array.from(values), shape)
      : new ort.Tensor('int64', BigInt64Array.from(values, (value) => BigInt(value)), shape);
  }
  const results = await session.run(feeds, [output.name]);
  const tensor = results[output.name] as TypedTensor<'float32'> | undefined;
  if (!tensor || tensor.type !== 'float32') {
    throw new Error(`The graph's output '${output.name}' is not a float32 tensor (got ${tensor?.type ?? 'nothing'}).`);
  }
  const data = tensor.data;
  const dims = tensor.dims;
  if (dims.length === 2) {
    const width = dims[1]!;
    return Array.from({ length: batch.rows }, (_, row) => normalizeL2(Array.from(data.subarray(row * width, (row + 1) * width))));
  }
  if (dims.length !== 3 || dims[0] !== batch.rows || dims[1] !== batch.width) {
    throw new Error(`The graph's output '${output.name}' has shape [${dims.join(', ')}]; expected [${batch.rows}, ${batch.width}, hidden].`);
  }
  const hidden = dims[2]!;
  return Array.from({ length: batch.rows }, (_, row) => {
    const mask = batch.mask.slice(row * batch.width, (row + 1) * batch.width);
    return normalizeL2(poolSequence(data, row * batch.width * hidden, batch.width, hidden, mask, modes));
  });
}

