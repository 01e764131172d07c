import { describe, expect, it } from 'vitest';
import { anthropicProvider } from '@lateral/provider-anthropic';
import { openaiProvider } from '@lateral/provider-openai';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { responseBody } from '@lateral/spec';
import { parseParams } from '../src/options/params.js';
import type { DataType } from '@lateral/spec';

const STRING: DataType = { kind: 'STRING', nullable: true };
const INT: DataType = { kind: 'INT', nullable: true };

function input(id: string): InputFormatV1 {
  return builtinInputFormats.find((format) => format.id === id)!;
}
function output(id: string): OutputFormatV1 {
  return builtinOutputFormats.find((format) => format.id === id)!;
}
function context(partial: Partial<FormatContext> = {}): FormatContext {
  return {
    providerId: 'openai',
    task: 'text_generation',
    input: [{ name: 'prompt', dataType: STRING }],
    output: [{ name: 'response', dataType: STRING }],
    params: {},
    ...partial,
  };
}
const FULL_PARAMS = parseParams({ temperature: '0.5', top_p: '0.9', top_k: '40', max_tokens: '64', stop: 'END,STOP', seed: '7' }).params;
const SYS = 'Be terse.';

function encode(id: string, partial: Partial<FormatContext>, prompt = 'Hi'): unknown {
  const encoded = input(id).encode([[prompt]], context(partial));
  expect(encoded.contentType ?? input(id).contentType).toBe('application/json');
  return JSON.parse(encoded.body as string);
}
function reply(body: unknown): ReturnType<typeof responseBody> {
  return responseBody(new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)), 'application/json');
}

const USER_BLOCK = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];

describe('LLM formats: request bodies', () => {
  it.each<[string, string, Partial<FormatContext>, unknown]>([
    ['OPENAI-CHAT', 'openai: default model', { defaults: openaiProvider.formatDefaults?.['OPENAI-CHAT'] }, { model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'Hi' }] }],
    ['OPENAI-CHAT', 'azureopenai: no default model', { providerId: 'azureopenai' }, { messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'OPENAI-CHAT',
      'version, system prompt, all params (top_k dropped, extra passed through)',
      { modelVersion: 'gpt-4o-mini', systemPrompt: SYS, params: FULL_PARAMS },
      {
        model: 'gpt-4o-mini',
        temperature: 0.5,
        top_p: 0.9,
        max_tokens: 64,
        stop: ['END', 'STOP'],
        messages: [
          { role: 'system', content: SYS },
          { role: 'user', content: 'Hi' },
        ],
        seed: 7,
      },
    ],
    [
      'OPENAI-CHAT',
      'official example: max_completion_tokens passes through',
      { providerId: 'azureopenai', modelVersion: '2025-08-07', params: parseParams({ max_completion_tokens: '16384' }).params },
      { model: '2025-08-07', messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 16384 },
    ],
    ['MISTRAL-CHAT', 'same body as OpenAI', { providerId: 'azureml', modelVersion: 'mistral-large' }, { model: 'mistral-large', messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'CONFLUENT-CHAT',
      'managed model: model is the version, no default',
      { providerId: 'confluent', modelVersion: 'meta-llama/Llama-3.1-8B-Instruct', systemPrompt: SYS, params: parseParams({ temperature: '0.1' }).params },
      {
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        temperature: 0.1,
        messages: [
          { role: 'system', content: SYS },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    ['CONFLUENT-CHAT', 'without a version', { providerId: 'confluent' }, { messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'ANTHROPIC-MESSAGES',
      'direct API: model, default max_tokens, system',
      { providerId: 'anthropic', modelVersion: 'claude-sonnet-4-5', systemPrompt: SYS },
      { model: 'claude-sonnet-4-5', messages: USER_BLOCK, max_tokens: 1024, system: SYS },
    ],
    [
      'ANTHROPIC-MESSAGES',
      'bedrock: anthropic_version, no model, all params',
      { providerId: 'bedrock', modelVersion: 'anthropic.claude-3-haiku', params: FULL_PARAMS },
      {
        messages: USER_BLOCK,
        temperature: 0.5,
        top_p: 0.9,
        top_k: 40,
        max_tokens: 64,
        stop_sequences: ['END', 'STOP'],
        anthropic_version: 'bedrock-2023-05-31',
        seed: 7,
      },
    ],
    [
      'ANTHROPIC-MESSAGES',
      'vertexai: vertex anthropic_version',
      { providerId: 'vertexai' },
      { messages: USER_BLOCK, max_tokens: 1024, anthropic_version: 'vertex-2023-10-16' },
    ],
    [
      'ANTHROPIC-MESSAGES',
      'bedrock: a version-shaped model_version is the anthropic_version (2024 behaviour)',
      { providerId: 'bedrock', modelVersion: 'bedrock-2023-06-01' },
      { messages: USER_BLOCK, max_tokens: 1024, anthropic_version: 'bedrock-2023-06-01' },
    ],
    [
      'ANTHROPIC-COMPLETIONS',
      'wraps a plain prompt in Human/Assistant turns, default token limit',
      { providerId: 'bedrock' },
      { prompt: '\n\nHuman: Hi\n\nAssistant:', max_tokens_to_sample: 1024 },
    ],
    [
      'ANTHROPIC-COMPLETIONS',
      'all params, system prompt first',
      { providerId: 'bedrock', systemPrompt: SYS, params: FULL_PARAMS },
      {
        prompt: `${SYS}\n\nHuman: Hi\n\nAssistant:`,
        temperature: 0.5,
        top_p: 0.9,
        top_k: 40,
        max_tokens_to_sample: 64,
        stop_sequences: ['END', 'STOP'],
        seed: 7,
      },
    ],
    ['AMAZON-TITAN-TEXT', 'no params: no config', { providerId: 'bedrock' }, { inputText: 'Hi' }],
    [
      'AMAZON-TITAN-TEXT',
      'params in textGenerationConfig, system prompt prefixed',
      { providerId: 'bedrock', systemPrompt: SYS, params: FULL_PARAMS },
      {
        inputText: `${SYS}\n\nHi`,
        textGenerationConfig: { temperature: 0.5, topP: 0.9, maxTokenCount: 64, stopSequences: ['END', 'STOP'], seed: 7 },
      },
    ],
    [
      'AI-21-COMPLETE',
      'camelCase params, top_k dropped',
      { providerId: 'bedrock', params: FULL_PARAMS },
      { prompt: 'Hi', temperature: 0.5, topP: 0.9, maxTokens: 64, stopSequences: ['END', 'STOP'], seed: 7 },
    ],
    [
      'BEDROCK-LLAMA',
      'top_k and stop dropped',
      { providerId: 'bedrock', params: FULL_PARAMS },
      { prompt: 'Hi', temperature: 0.5, top_p: 0.9, max_gen_len: 64, seed: 7 },
    ],
    [
      'MISTRAL-COMPLETIONS',
      'all params',
      { providerId: 'bedrock', params: FULL_PARAMS },
      { prompt: 'Hi', temperature: 0.5, top_p: 0.9, top_k: 40, max_tokens: 64, stop: ['END', 'STOP'], seed: 7 },
    ],
    [
      'COHERE-CHAT',
      'model, preamble, p/k',
      { providerId: 'bedrock', modelVersion: 'command-r', systemPrompt: SYS, params: FULL_PARAMS },
      {
        model: 'command-r',
        preamble: SYS,
        message: 'Hi',
        temperature: 0.5,
        p: 0.9,
        k: 40,
        max_tokens: 64,
        stop_sequences: ['END', 'STOP'],
        seed: 7,
      },
    ],
    ['COHERE-GENERATE', 'single generation, no streaming', { providerId: 'bedrock' }, { prompt: 'Hi', stream: false, num_generations: 1 }],
    [
      'GEMINI-GENERATE',
      'systemInstruction and generationConfig (extra params inside it)',
      { providerId: 'googleai', systemPrompt: SYS, params: FULL_PARAMS },
      {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        systemInstruction: { parts: [{ text: SYS }] },
        generationConfig: { temperature: 0.5, topP: 0.9, topK: 40, maxOutputTokens: 64, stopSequences: ['END', 'STOP'], seed: 7 },
      },
    ],
    [
      'GEMINI-GENERATE',
      'camelCase restored, top-level fields kept beside generationConfig',
      {
        providerId: 'vertexai',
        params: parseParams({ responseMimeType: 'application/json', 'tool_config.function_calling_config.mode': 'NONE', 'generation_config.candidatecount': '1' }).params,
      },
      {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        tool_config: { function_calling_config: { mode: 'NONE' } },
        generationConfig: { responseMimeType: 'application/json', candidateCount: 1 },
      },
    ],
    ['GEMINI-GENERATE', 'no params, no config', { providerId: 'googleai' }, { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }],
    [
      'AZURE-CHAT',
      'input_data with parameters',
      { providerId: 'azureml', systemPrompt: SYS, params: FULL_PARAMS },
      {
        input_data: {
          input_string: [
            { role: 'system', content: SYS },
            { role: 'user', content: 'Hi' },
          ],
          parameters: { temperature: 0.5, top_p: 0.9, max_new_tokens: 64, seed: 7 },
        },
      },
    ],
    ['AZURE-CHAT', 'no parameters', { providerId: 'azureml' }, { input_data: { input_string: [{ role: 'user', content: 'Hi' }] } }],
  ])('%s: %s', (id, _name, partial, expected) => {
    expect(encode(id, partial)).toEqual(expected);
  });

  it('keeps the documented field order of OPENAI-CHAT', () => {
    const body = encode('OPENAI-CHAT', { params: FULL_PARAMS, defaults: openaiProvider.formatDefaults?.['OPENAI-CHAT'] });
    expect(Object.keys(body as object)).toEqual(['model', 'temperature', 'top_p', 'max_tokens', 'stop', 'messages', 'seed']);
  });

  it('does not let a pass-through param overwrite a field the format sets', () => {
    const body = encode('OPENAI-CHAT', { modelVersion: 'gpt-4o', params: { model: 'other', messages: 'x' } });
    expect(body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('writes a NULL prompt as an empty string', () => {
    const encoded = input('OPENAI-CHAT').encode([[null]], context());
    expect(JSON.parse(encoded.body as string).messages).toEqual([{ role: 'user', content: '' }]);
  });

  it('never batches', () => {
    for (const format of builtinInputFormats.filter((candidate) => candidate.kind === 'llm')) {
      expect(format.maxRowsPerRequest(context()), format.id).toBe(1);
      expect(() => format.encode([['a'], ['b']], context()), format.id).toThrow(/at most 1 row/);
    }
  });
});

describe('LLM formats: responses', () => {
  it.each<[string, unknown, string | null, { inputTokens?: number; outputTokens?: number } | undefined]>([
    [
      'OPENAI-CHAT',
      {
        id: 'chatcmpl-123',
        object: 'chat.completion',
        created: 1700000000,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.', refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
        system_fingerprint: 'fp_x',
      },
      'Hello.',
      { inputTokens: 12, outputTokens: 2 },
    ],
    ['MISTRAL-CHAT', { choices: [{ message: { role: 'assistant', content: 'Bonjour.' } }] }, 'Bonjour.', undefined],
    ['CONFLUENT-CHAT', { choices: [{ message: { content: 'Hey' } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }, 'Hey', { inputTokens: 3, outputTokens: 1 }],
    ['OPENAI-CHAT', { choices: [{ message: { role: 'assistant', content: null, tool_calls: [] } }] }, null, undefined],
    [
      'ANTHROPIC-MESSAGES',
      {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-3-5-haiku-20241022',
        content: [{ type: 'text', text: 'Hello.' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 3 },
      },
      'Hello.',
      { inputTokens: 12, outputTokens: 3 },
    ],
    [
      'ANTHROPIC-MESSAGES',
      { content: [{ type: 'thinking', thinking: '…' }, { type: 'text', text: 'Hel' }, { type: 'text', text: 'lo.' }] },
      'Hello.',
      undefined,
    ],
    ['ANTHROPIC-COMPLETIONS', { completion: ' Hello.', stop_reason: 'stop_sequence' }, ' Hello.', undefined],
    [
      'AMAZON-TITAN-TEXT',
      { inputTextTokenCount: 5, results: [{ tokenCount: 3, outputText: 'Hello.', completionReason: 'FINISHED' }] },
      'Hello.',
      { inputTokens: 5, outputTokens: 3 },
    ],
    ['AI-21-COMPLETE', { id: 1234, completions: [{ data: { text: 'Hello.' }, finishReason: { reason: 'endoftext' } }] }, 'Hello.', undefined],
    [
      'BEDROCK-LLAMA',
      { generation: 'Hello.', prompt_token_count: 12, generation_token_count: 3, stop_reason: 'stop' },
      'Hello.',
      { inputTokens: 12, outputTokens: 3 },
    ],
    ['MISTRAL-COMPLETIONS', { outputs: [{ text: 'Hello.', stop_reason: 'stop' }] }, 'Hello.', undefined],
    [
      'COHERE-CHAT',
      { response_id: 'r', text: 'Hello.', generation_id: 'g', finish_reason: 'COMPLETE', meta: { billed_units: { input_tokens: 4, output_tokens: 2 } } },
      'Hello.',
      { inputTokens: 4, outputTokens: 2 },
    ],
    ['COHERE-GENERATE', { id: 'x', prompt: 'Hi', generations: [{ id: 'g', text: 'Hello.', finish_reason: 'COMPLETE' }] }, 'Hello.', undefined],
    [
      'GEMINI-GENERATE',
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hello.' }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 2, totalTokenCount: 8 },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'abc',
      },
      'Hello.',
      { inputTokens: 6, outputTokens: 2 },
    ],
    [
      'GEMINI-GENERATE',
      {
        candidates: [{ content: { parts: [{ text: 'thinking…', thought: true }, { text: 'Hel' }, { text: 'lo.' }] } }],
        usageMetadata: { promptTokenCount: 6, candidatesTokenCount: 2, thoughtsTokenCount: 10 },
      },
      'Hello.',
      { inputTokens: 6, outputTokens: 12 },
    ],
    ['GEMINI-GENERATE', { promptFeedback: { blockReason: 'SAFETY' } }, null, undefined],
    ['AZURE-CHAT', { output: 'Hello.' }, 'Hello.', undefined],
  ])('%s reads %j', (id, body, text, usage) => {
    const decoded = output(id).decode(reply(body), context(), 1);
    expect(decoded.rows).toEqual([[text]]);
    expect(decoded.usage).toEqual(usage);
  });

  it('names the missing path', () => {
    expect(() => output('OPENAI-CHAT').decode(reply({ object: 'list' }), context(), 1)).toThrow(
      'Error parsing ML Predict response: Expected field /choices/0/message/content not found in json response.',
    );
  });

  it('rejects a body that is not JSON', () => {
    expect(() => output('BEDROCK-LLAMA').decode(reply('<html>'), context(), 1)).toThrow(
      expect.objectContaining({ code: 'LATERAL_ERR_PROVIDER_RESPONSE', message: 'Error parsing ML Predict response: response was not valid json.' }),
    );
  });

  it('decodes exactly one row', () => {
    expect(() => output('OPENAI-CHAT').decode(reply({ choices: [{ message: { content: 'x' } }] }), context(), 2)).toThrow(
      'Unexpected number of results from ML Predict. Expected 2 but got 1',
    );
  });
});

describe('LLM formats: validation', () => {
  const llmIds = builtinInputFormats.filter((format) => format.kind === 'llm').map((format) => format.id);

  it.each(llmIds)('%s accepts one STRING in and one STRING out', (id) => {
    const good = context({ providerId: 'bedrock', input: [{ name: 'p', dataType: { kind: 'VARCHAR', length: 100, nullable: true } }] });
    expect(input(id).validate(good)).toEqual([]);
    expect(output(id).validate(good)).toEqual([]);
  });

  it.each(llmIds)('%s rejects other shapes with the reference messages', (id) => {
    const twoInputs = context({ providerId: 'bedrock', input: [{ name: 'a', dataType: STRING }, { name: 'b', dataType: STRING }] });
    expect(input(id).validate(twoInputs)).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: `Invalid Schema for model input: ${id} input format requires a single input column of type STRING, CHAR, or VARCHAR.`,
      },
    ]);
    expect(input(id).validate(context({ providerId: 'bedrock', input: [{ name: 'n', dataType: INT }] }))).toHaveLength(1);
    const intOutput = context({ output: [{ name: 'n', dataType: INT }] });
    expect(output(id).validate(intOutput)).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: `Invalid Schema for model output: ${id} output format requires a single output column of type STRING, CHAR, or VARCHAR.`,
      },
    ]);
  });

  it('ANTHROPIC-MESSAGES needs a model for the direct API only', () => {
    // the direct API's provider declares that its Messages API needs a model; Bedrock names it in the URL
    const anthropic = { providerId: 'anthropic', defaults: anthropicProvider.formatDefaults?.['ANTHROPIC-MESSAGES'] };
    expect(input('ANTHROPIC-MESSAGES').validate(context(anthropic))).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'anthropic.model_version' }),
    ]);
    expect(input('ANTHROPIC-MESSAGES').validate(context({ ...anthropic, modelVersion: 'claude-x' }))).toEqual([]);
    expect(input('ANTHROPIC-MESSAGES').validate(context({ providerId: 'bedrock' }))).toEqual([]);
  });
});
