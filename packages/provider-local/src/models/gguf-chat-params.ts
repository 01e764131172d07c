import type { LLamaChatPromptOptions } from 'node-llama-cpp';

/** The sampling options of one request, as node-llama-cpp's `LlamaChatSession.prompt` takes them. */
export type GgufPromptOptions = Pick<
  LLamaChatPromptOptions,
  'maxTokens' | 'temperature' | 'topP' | 'topK' | 'minP' | 'seed' | 'customStopTriggers' | 'repeatPenalty'
>;

/**
 * Maps the OpenAI-shaped request fields (what CONFLUENT-CHAT / OPENAI-CHAT put in the body:
 * `temperature`, `max_tokens`, `top_p`, `stop`, and extra params such as `top_k`, `seed`,
 * `frequency_penalty`) to node-llama-cpp's options. Fields of the wrong type are ignored rather
 * than guessed at. Without `temperature` decoding is greedy, node-llama-cpp's default, so a
 * query's answers are repeatable unless it asks for sampling.
 */
export function ggufPromptOptions(params: Record<string, unknown>, contextSize: number): GgufPromptOptions {
  const options: GgufPromptOptions = {};
  const temperature = numberParam(params, 'temperature');
  if (temperature !== undefined) options.temperature = temperature;
  const topP = numberParam(params, 'top_p');
  if (topP !== undefined) options.topP = topP;
  const topK = numberParam(params, 'top_k');
  if (topK !== undefined) options.topK = Math.trunc(topK);
  const minP = numberParam(params, 'min_p');
  if (minP !== undefined) options.minP = minP;
  const seed = numberParam(params, 'seed');
  if (seed !== undefined) options.seed = Math.trunc(seed);
  // A model that never writes its end-of-turn token would otherwise run on, shifting its context
  // forever: without max_tokens a reply is at most one context long.
  const maxTokens = numberParam(params, 'max_tokens');
  options.maxTokens = maxTokens !== undefined && maxTokens > 0 ? Math.trunc(maxTokens) : contextSize;
  const stops = stopParam(params.stop);
  if (stops.length > 0) options.customStopTriggers = stops;
  const frequencyPenalty = numberParam(params, 'frequency_penalty');
  const presencePenalty = numberParam(params, 'presence_penalty');
  if (frequencyPenalty !== undefined || presencePenalty !== undefined) {
    options.repeatPenalty = { frequencyPenalty, presencePenalty };
  }
  return options;
}

function numberParam(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `stop` is a string or a list of strings (OpenAI); empty strings would stop at once. */
function stopParam(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.length > 0);
}
