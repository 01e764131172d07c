import { availableParallelism } from 'node:os';
import type { Llama } from 'node-llama-cpp';

/**
 * The one llama.cpp runtime of this thread. It uses the CPU build that ships inside the npm
 * package `@node-llama-cpp/<platform>`: `build: 'never'` and `skipDownload` forbid compiling
 * llama.cpp or fetching its sources, and `gpu: false` skips probing CUDA/Vulkan/Metal (which
 * could otherwise pick a GPU build). Nothing is downloaded at run time.
 */
let runtime: Promise<Llama> | undefined;

export function llamaRuntime(): Promise<Llama> {
  runtime ??= createRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

async function createRuntime(): Promise<Llama> {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  try {
    return await getLlama({
      gpu: false,
      build: 'never',
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      maxThreads: availableParallelism(),
      // llama.cpp reports every tensor it loads at "info"; only real problems reach stderr.
      logLevel: LlamaLogLevel.error,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `node-llama-cpp has no usable prebuilt CPU binary for ${process.platform}-${process.arch} ` +
        `(Lateral never compiles llama.cpp or downloads it): ${reason}`,
      { cause: error },
    );
  }
}
