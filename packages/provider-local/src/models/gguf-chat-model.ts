import { localThreads } from './local-threads.js';
import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type { LocalChatModel, LocalChatRequest } from './local-model.js';
import { ggufPromptOptions } from './gguf-chat-params.js';
import { llamaRuntime } from './gguf-llama-runtime.js';
import { GgufSequencePool } from './gguf-sequence-pool.js';

/** Requests one model serves at once (the local provider's default parallelism). */
const SEQUENCES = 4;
/**
 * Upper bound of each sequence's context: room for a prompt and its answer, without the gigabytes
 * of KV cache a model's full trained context (32k, 128k tokens) would take on a laptop.
 */
const MAX_CONTEXT = 4096;

/**
 * A chat/instruct model from a GGUF file, run by llama.cpp (node-llama-cpp, CPU). The model is
 * loaded once per thread (model-loader caches this object); each request borrows a sequence of a
 * shared context, builds a fresh chat session on it (the model's own chat template, from the GGUF
 * metadata, formats the turns), applies the system prompt and the request's sampling parameters,
 * and returns the answer text.
 */
export async function loadGgufChatModel(file: string): Promise<LocalChatModel> {
  const llama = await llamaRuntime();
  const model = await llama.loadModel({ modelPath: file });
  let pool: Promise<GgufSequencePool> | undefined;
  const sequences = () =>
    (pool ??= createPool(model).catch((error: unknown) => {
      pool = undefined;
      throw error;
    }));
  return {
    kind: 'chat',
    async complete(request) {
      const shared = await sequences();
      return shared.use((sequence) => answer(sequence, request));
    },
  };
}

async function createPool(model: LlamaModel): Promise<GgufSequencePool> {
  const max = Math.min(model.trainContextSize, MAX_CONTEXT);
  const context = await model.createContext({
    sequences: SEQUENCES,
    contextSize: { min: Math.min(512, max), max },
    threads: localThreads(),
  });
  return new GgufSequencePool(context);
}


async function answer(sequence: LlamaContextSequence, request: LocalChatRequest): Promise<string> {
  const { LlamaChatSession } = await import('node-llama-cpp');
  const session = new LlamaChatSession({
    contextSequence: sequence,
    autoDisposeSequence: false,
    ...(request.systemPrompt === undefined ? {} : { systemPrompt: request.systemPrompt }),
  });
  try {
    // Without a system prompt node-llama-cpp would insert its own default one; SQL that gives
    // none should send none.
    if (request.systemPrompt === undefined) session.setChatHistory([]);
    return await session.prompt(request.prompt, {
      ...ggufPromptOptions(request.params, sequence.contextSize),
      signal: request.signal,
      stopOnAbortSignal: false,
    });
  } finally {
    session.dispose({ disposeSequence: false });
  }
}
