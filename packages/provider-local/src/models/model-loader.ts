import { LateralError } from '@lateral/spec';
import { loadGloveEmbedding, loadSentimentChat } from './builtin-models.js';
import type { LocalModel, LocalModelDescriptor } from './local-model.js';

/**
 * Loads each model once per thread and shares it between every model definition and statement
 * that names it. Loading is lazy: CREATE MODEL only checks that the model can be found.
 */
const loaded = new Map<string, Promise<LocalModel>>();

export function loadLocalModel(descriptor: LocalModelDescriptor): Promise<LocalModel> {
  const key = JSON.stringify(descriptor.source);
  let model = loaded.get(key);
  if (!model) {
    model = loadUncached(descriptor).catch((error: unknown) => {
      loaded.delete(key);
      if (LateralError.isInstance(error)) throw error;
      throw new LateralError({
        code: 'LATERAL_ERR_LOCAL_MODEL_LOAD',
        message: `Local model '${descriptor.name}' could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    });
    loaded.set(key, model);
  }
  return model;
}

async function loadUncached(descriptor: LocalModelDescriptor): Promise<LocalModel> {
  const { source } = descriptor;
  switch (source.type) {
    case 'builtin':
      return source.id === 'sentiment-en' ? loadSentimentChat() : loadGloveEmbedding();
    case 'onnx': {
      const { loadOnnxEmbeddingModel } = await import('./onnx-embedding-model.js');
      return loadOnnxEmbeddingModel(source.directory);
    }
    case 'gguf': {
      const { loadGgufChatModel } = await import('./gguf-chat-model.js');
      return loadGgufChatModel(source.file);
    }
  }
}
