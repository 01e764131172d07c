/** What the in-process runtime asks of a loaded local model. */
export interface LocalChatRequest {
  systemPrompt?: string;
  prompt: string;
  params: Record<string, unknown>;
  /** Cancels generation (statement aborted or client timeout reached). */
  signal?: AbortSignal;
}

export interface LocalEmbeddingModel {
  kind: 'embedding';
  dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

export interface LocalChatModel {
  kind: 'chat';
  complete(request: LocalChatRequest): Promise<string>;
}

export type LocalModel = LocalEmbeddingModel | LocalChatModel;

/** How a model name was found: built in, or a file/folder under the models directory. */
export type LocalModelSource =
  | { type: 'builtin'; id: 'sentiment-en' | 'glove-100d' }
  | { type: 'onnx'; directory: string }
  | { type: 'gguf'; file: string };

export interface LocalModelDescriptor {
  name: string;
  kind: LocalModel['kind'];
  source: LocalModelSource;
  /** Output dimensions, when known without loading (embeddings). */
  dimensions?: number;
}
