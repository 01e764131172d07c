import type { LlamaContext, LlamaContextSequence } from 'node-llama-cpp';

/**
 * Hands out the sequences of one llama.cpp context, one request at a time each. A context holds
 * several independent sequences that llama.cpp evaluates in one batch, so parallel requests share
 * the model's weights and one allocation instead of building a context (and its KV cache) each.
 * A returned sequence's history is cleared before it is lent again, so requests never see each
 * other's text.
 */
export class GgufSequencePool {
  private readonly idle: LlamaContextSequence[] = [];
  private readonly waiting: Array<(sequence: LlamaContextSequence) => void> = [];

  constructor(readonly context: LlamaContext) {
    while (context.sequencesLeft > 0) this.idle.push(context.getSequence());
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  async use<T>(work: (sequence: LlamaContextSequence) => Promise<T>): Promise<T> {
    const sequence = await this.acquire();
    try {
      await sequence.clearHistory();
      return await work(sequence);
    } finally {
      this.release(sequence);
    }
  }

  private acquire(): Promise<LlamaContextSequence> {
    const sequence = this.idle.pop();
    if (sequence) return Promise.resolve(sequence);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(sequence: LlamaContextSequence): void {
    const next = this.waiting.shift();
    if (next) next(sequence);
    else this.idle.push(sequence);
  }
}
