import type { FormatContext, ProviderV1, ResolvedModel } from '@lateral/spec';

/**
 * The one place a model becomes the context its formats see, at CREATE MODEL time and for every
 * call, so validation and encoding never disagree about what they were told. The provider's
 * declared defaults for the model's input format travel along as data.
 */
export function formatContextFor(model: ResolvedModel, provider: ProviderV1 | undefined): FormatContext {
  const defaults = provider?.formatDefaults?.[model.inputFormat.id];
  return {
    providerId: model.providerId,
    task: model.task,
    input: model.input,
    output: model.output,
    params: model.params,
    ...(model.systemPrompt === undefined ? {} : { systemPrompt: model.systemPrompt }),
    ...(model.modelVersion === undefined ? {} : { modelVersion: model.modelVersion }),
    ...(defaults === undefined ? {} : { defaults }),
  };
}
