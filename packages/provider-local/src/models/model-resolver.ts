import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LateralError } from '@lateral/spec';
import { builtinModel, builtinModelNames } from './builtin-models.js';
import type { LocalModelDescriptor } from './local-model.js';

/** `--models-dir`, else `LATERAL_MODELS`, else `<data dir>/models`. */
export function modelsDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LATERAL_MODELS) return env.LATERAL_MODELS;
  if (env.LATERAL_HOME) return join(env.LATERAL_HOME, 'models');
  return undefined;
}

/**
 * Finds a model by its `local.model` / `confluent.model` name: a built-in name, else under the
 * models directory in the Hugging Face layout (`<dir>/<org>/<name>/` with `model.onnx` or
 * `onnx/model.onnx` and `tokenizer.json`), else a GGUF file (`<dir>/<org>/<name>.gguf` or a
 * folder holding one .gguf file).
 */
export function resolveLocalModel(name: string, env: NodeJS.ProcessEnv = process.env): LocalModelDescriptor {
  const builtin = builtinModel(name);
  if (builtin) return builtin;
  const directory = modelsDirectory(env);
  const searched: string[] = [];
  if (directory) {
    const base = join(directory, ...name.split('/'));
    const onnxCandidates = [join(base, 'onnx', 'model.onnx'), join(base, 'model.onnx')];
    searched.push(...onnxCandidates);
    if (onnxCandidates.some((path) => existsSync(path)) && existsSync(join(base, 'tokenizer.json'))) {
      return { name, kind: 'embedding', source: { type: 'onnx', directory: base } };
    }
    const ggufFile = `${base}.gguf`;
    searched.push(ggufFile, join(base, '*.gguf'));
    if (existsSync(ggufFile)) return { name, kind: 'chat', source: { type: 'gguf', file: ggufFile } };
    const inFolder = ggufInFolder(base);
    if (inFolder) return { name, kind: 'chat', source: { type: 'gguf', file: inFolder } };
  }
  throw new LateralError({
    code: 'LATERAL_ERR_LOCAL_MODEL_NOT_FOUND',
    message:
      `Local model '${name}' is not built in and was not found ` +
      (directory ? `in the models directory ${directory} (searched ${searched.join(', ')}). ` : '(no models directory is set: use --models-dir or LATERAL_MODELS). ') +
      `Built-in models: ${builtinModelNames().join(', ')}. ` +
      'To add a sentence-embedding model, export it to ONNX in the Hugging Face layout ' +
      `(e.g. \`optimum-cli export onnx --model ${name} <models-dir>/${name}\`, which writes model.onnx and tokenizer.json); ` +
      `to add a chat model, put its GGUF file at <models-dir>/${name}.gguf.`,
    details: { model: name, modelsDir: directory, searched },
  });
}

function ggufInFolder(folder: string): string | undefined {
  try {
    if (!statSync(folder).isDirectory()) return undefined;
    const files = readdirSync(folder).filter((file) => file.toLowerCase().endsWith('.gguf'));
    return files.length === 1 ? join(folder, files[0]!) : undefined;
  } catch {
    return undefined;
  }
}
