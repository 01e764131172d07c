import type { DefaultFormatContext } from '@lateral/spec';

/**
 * Reference §5.5/§10: GEMINI-GENERATE. Lateral extension: an endpoint whose path names an
 * embedding verb (`:embedContent`, `:batchEmbedContents`) defaults to GEMINI-EMBED.
 */
export function googleAIDefaultInputFormat(context: DefaultFormatContext): string {
  return context.endpoint !== undefined && /embedcontent/i.test(pathOf(context.endpoint)) ? 'GEMINI-EMBED' : 'GEMINI-GENERATE';
}

function pathOf(endpoint: string): string {
  try {
    return new URL(endpoint).pathname;
  } catch {
    return endpoint;
  }
}
