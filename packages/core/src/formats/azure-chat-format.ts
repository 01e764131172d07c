import { extraParams } from '../options/params.js';
import { defineSinglePromptFormat, mergeExtras, standardFields } from './single-prompt-format.js';

/**
 * Azure ML foundation-model chat (2024 implementation only, protocols §9.2). Pass-through params
 * join the standard ones in `parameters`, where these models read their knobs (e.g. `do_sample`).
 * A system prompt becomes a leading system message (the 2024 code dropped it).
 */
export const azureChatFormat = defineSinglePromptFormat({
  id: 'AZURE-CHAT',
  body(prompt, context) {
    const messages: Array<{ role: string; content: string }> = [];
    if (context.systemPrompt) messages.push({ role: 'system', content: context.systemPrompt });
    messages.push({ role: 'user', content: prompt });
    const parameters = mergeExtras(
      standardFields(context.params, { temperature: 'temperature', top_p: 'top_p', max_tokens: 'max_new_tokens' }),
      extraParams(context.params),
    );
    const inputData: Record<string, unknown> = { input_string: messages };
    if (Object.keys(parameters).length > 0) inputData.parameters = parameters;
    return { input_data: inputData };
  },
  textPath: '/output',
});
