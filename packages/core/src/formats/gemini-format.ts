import type { FormatContext } from '@lateral/spec';
import { extraParams } from '../options/params.js';
import type { ParamObject, ParamValue } from '@lateral/spec';
import type { PointerRead } from './single-prompt-format.js';
import { defineSinglePromptFormat, numberAt, standardFields, tokenUsage } from './single-prompt-format.js';

/** Request fields that sit beside `generationConfig`; every other pass-through param goes inside it. */
const TOP_LEVEL_FIELDS = new Set(['safety_settings', 'safetysettings', 'tools', 'tool_config', 'toolconfig', 'cached_content', 'cachedcontent', 'labels']);
const GENERATION_CONFIG_GROUPS = new Set(['generation_config', 'generationconfig']);

/**
 * Param keys arrive lower-cased, which breaks Gemini's camelCase names (`responseMimeType` →
 * `responsemimetype`). snake_case works as written (proto JSON accepts it); these known names are
 * restored to camelCase.
 */
const CAMEL_CASE = new Map(
  [
    'safetySettings', 'toolConfig', 'cachedContent', 'candidateCount', 'responseMimeType', 'responseSchema', 'responseJsonSchema',
    'responseModalities', 'responseLogprobs', 'presencePenalty', 'frequencyPenalty', 'thinkingConfig', 'thinkingBudget',
    'includeThoughts', 'mediaResolution', 'speechConfig', 'functionCallingConfig', 'allowedFunctionNames',
  ].map((name) => [name.toLowerCase(), name]),
);

function camelize(value: ParamValue): ParamValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [CAMEL_CASE.get(key) ?? key, camelize(entry)]));
}

function geminiBody(prompt: string, context: FormatContext): Record<string, unknown> {
  // `role` is optional on the Gemini API but Vertex wants it (protocols §13.2), so it is always sent
  const body: Record<string, unknown> = { contents: [{ role: 'user', parts: [{ text: prompt }] }] };
  // the 2024 code sent `system_instructions`; the API's field is `systemInstruction` (protocols §11.2)
  if (context.systemPrompt) body.systemInstruction = { parts: [{ text: context.systemPrompt }] };
  const config: ParamObject = standardFields(context.params, {
    temperature: 'temperature',
    top_p: 'topP',
    top_k: 'topK',
    max_tokens: 'maxOutputTokens',
    stop: 'stopSequences',
  });
  for (const [key, value] of Object.entries(extraParams(context.params))) {
    if (TOP_LEVEL_FIELDS.has(key)) body[CAMEL_CASE.get(key) ?? key] = camelize(value);
    else if (GENERATION_CONFIG_GROUPS.has(key) && typeof value === 'object' && !Array.isArray(value)) Object.assign(config, camelize(value));
    else config[CAMEL_CASE.get(key) ?? key] = camelize(value);
  }
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}

/**
 * The reply is the concatenation of the first candidate's text parts, thoughts skipped (protocols
 * §11.2). A blocked prompt (no candidates, `promptFeedback.blockReason`) or a candidate stopped
 * without content yields NULL rather than failing the whole statement.
 */
function readGeminiText(document: unknown): PointerRead {
  const body = document as { candidates?: unknown; promptFeedback?: { blockReason?: unknown } } | null;
  const candidates = body?.candidates;
  if (!Array.isArray(candidates) || candidates.length === 0) {
    return body?.promptFeedback?.blockReason !== undefined ? { found: true, value: null } : { found: false };
  }
  const candidate = candidates[0] as { content?: { parts?: unknown }; finishReason?: unknown };
  const parts = candidate.content?.parts;
  if (!Array.isArray(parts)) return candidate.finishReason !== undefined ? { found: true, value: null } : { found: false };
  const texts = parts
    .filter((part): part is { text: string } => typeof part?.text === 'string' && part.thought !== true)
    .map((part) => part.text);
  return { found: true, value: texts.length === 0 ? null : texts.join('') };
}

/** Gemini generateContent, on the Gemini API and on Vertex AI (alias GEMINI-CHAT). */
export const geminiGenerateFormat = defineSinglePromptFormat({
  id: 'GEMINI-GENERATE',
  aliases: ['GEMINI-CHAT'],
  body: geminiBody,
  textPath: '/candidates/0/content/parts/0/text',
  readText: readGeminiText,
  usage(document) {
    const output = numberAt(document, '/usageMetadata/candidatesTokenCount');
    const thoughts = numberAt(document, '/usageMetadata/thoughtsTokenCount');
    const total = output === undefined && thoughts === undefined ? undefined : (output ?? 0) + (thoughts ?? 0);
    return tokenUsage(numberAt(document, '/usageMetadata/promptTokenCount'), total);
  },
});
