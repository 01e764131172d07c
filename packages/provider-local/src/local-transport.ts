import { callDeadline, type ResolvedModel, type Transport, type TransportRequest, type TransportResponse } from '@lateral/spec';
import { loadLocalModel } from './models/model-loader.js';
import { resolveLocalModel } from './models/model-resolver.js';
import type { LocalModel } from './models/local-model.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface ChatBody {
  messages?: Array<{ role: string; content: unknown }>;
  input?: unknown;
  [param: string]: unknown;
}

/**
 * An in-process, OpenAI-compatible "server": it takes the bodies core's OPENAI-CHAT /
 * CONFLUENT-CHAT and OPENAI-EMBED formats produce and answers in the same shapes, so local models
 * run through exactly the same encode → send → decode path (and the same batching, pacing and
 * worker pool) as remote ones.
 */
export function createLocalTransport(model: ResolvedModel, modelOptionName: string): Transport {
  const name = model.providerOptions[modelOptionName] ?? '';
  let instance: Promise<LocalModel> | undefined;
  const get = () => (instance ??= loadLocalModel(resolveLocalModel(name)));
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
      const body = JSON.parse(typeof request.body === 'string' ? request.body : decoder.decode(request.body)) as ChatBody;
      const local = await get();
      if (Array.isArray(body.input) || typeof body.input === 'string') {
        if (local.kind !== 'embedding') return badRequest(`Model '${name}' is a chat model; it cannot embed.`);
        const texts = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
        const vectors = await local.embed(texts);
        return ok({
          object: 'list',
          model: name,
          data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
          usage: { prompt_tokens: 0, total_tokens: 0 },
        });
      }
      if (!Array.isArray(body.messages)) return badRequest("The request has neither 'messages' nor 'input'.");
      if (local.kind !== 'chat') return badRequest(`Model '${name}' is an embedding model; it cannot chat.`);
      const system = body.messages.find((m) => m.role === 'system')?.content;
      const user = [...body.messages].reverse().find((m) => m.role === 'user')?.content;
      const { messages: _messages, model: _model, ...params } = body;
      // Generation stops at the call's abort or its client timeout, whichever comes first.
      const deadline = callDeadline(request.signal, request.timeoutMs);
      let content: string;
      try {
        content = await local.complete({
          systemPrompt: typeof system === 'string' ? system : undefined,
          prompt: textOf(user),
          params,
          signal: deadline.signal,
        });
      } finally {
        deadline.dispose();
      }
      return ok({
        id: 'local',
        object: 'chat.completion',
        model: name,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      });
    },
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
  return content === null || content === undefined ? '' : String(content);
}

function ok(payload: unknown): TransportResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: encoder.encode(JSON.stringify(payload)) };
}

function badRequest(message: string): TransportResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: encoder.encode(JSON.stringify({ error: { message, type: 'invalid_request_error', code: null, param: null } })),
  };
}

