import { describe, expect, it } from 'vitest';
import { ggufPromptOptions } from '../src/models/gguf-chat-params.js';
import { localThreads } from '../src/models/local-threads.js';

describe('request fields → node-llama-cpp prompt options', () => {
  it('maps the standard parameters and the common extras', () => {
    expect(
      ggufPromptOptions(
        { temperature: 0.7, max_tokens: 64, top_p: 0.9, top_k: 40, min_p: 0.05, seed: 42, stop: ['\n\n', 'END'], frequency_penalty: 0.5 },
        4096,
      ),
    ).toEqual({
      temperature: 0.7,
      maxTokens: 64,
      topP: 0.9,
      topK: 40,
      minP: 0.05,
      seed: 42,
      customStopTriggers: ['\n\n', 'END'],
      repeatPenalty: { frequencyPenalty: 0.5, presencePenalty: undefined },
    });
  });

  it('caps a reply at one context when max_tokens is absent, and decodes greedily by default', () => {
    expect(ggufPromptOptions({}, 2048)).toEqual({ maxTokens: 2048 });
    expect(ggufPromptOptions({ max_tokens: 0 }, 512)).toEqual({ maxTokens: 512 });
  });

  it('accepts a single stop string and ignores empty ones and mistyped values', () => {
    expect(ggufPromptOptions({ stop: 'STOP' }, 10).customStopTriggers).toEqual(['STOP']);
    expect(ggufPromptOptions({ stop: ['', 'x'] }, 10).customStopTriggers).toEqual(['x']);
    expect(ggufPromptOptions({ temperature: 'hot', stop: [''] }, 10)).toEqual({ maxTokens: 10 });
  });
});

describe('llama.cpp threads', () => {
  it('takes LATERAL_LOCAL_THREADS, else one per usable core', () => {
    expect(localThreads({ LATERAL_LOCAL_THREADS: '3' })).toBe(3);
    expect(localThreads({ LATERAL_LOCAL_THREADS: 'many' })).toBeGreaterThanOrEqual(1);
    expect(localThreads({})).toBeGreaterThanOrEqual(1);
  });
});
