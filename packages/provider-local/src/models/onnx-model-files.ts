import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of a sentence-embedding model in the Hugging Face layout, as `optimum-cli export onnx`
 * or a Hub repository's `onnx/` folder leaves them:
 *   model.onnx | onnx/model.onnx     the graph
 *   tokenizer.json                   the fast tokenizer (required)
 *   tokenizer_config.json            special tokens, model_max_length
 *   config.json                      hidden size, max_position_embeddings
 *   sentence_bert_config.json        sentence-transformers' max_seq_length
 *   1_Pooling/config.json            sentence-transformers' pooling (CLS, mean, ...)
 */
export interface OnnxModelFiles {
  directory: string;
  graph: string;
  tokenizer: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  sentenceBertConfig: Record<string, unknown>;
  pooling: Record<string, unknown> | undefined;
}

export function readOnnxModelFiles(directory: string): OnnxModelFiles {
  const graph = [join(directory, 'onnx', 'model.onnx'), join(directory, 'model.onnx')].find((path) => existsSync(path));
  if (!graph) throw new Error(`${directory} has neither onnx/model.onnx nor model.onnx.`);
  const tokenizer = readJson(join(directory, 'tokenizer.json'));
  if (!tokenizer) throw new Error(`${directory} has no tokenizer.json (export the model with its fast tokenizer).`);
  return {
    directory,
    graph,
    tokenizer,
    tokenizerConfig: readJson(join(directory, 'tokenizer_config.json')) ?? {},
    config: readJson(join(directory, 'config.json')) ?? {},
    sentenceBertConfig: readJson(join(directory, 'sentence_bert_config.json')) ?? {},
    pooling: readJson(join(directory, '1_Pooling', 'config.json')),
  };
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  throw new Error(`${path} does not hold a JSON object.`);
}

/** A positive integer setting, or undefined (HF writes 1e30 for "no limit"). */
export function sizeSetting(value: unknown, limit = 1_000_000): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= limit ? value : undefined;
}
