import type { OptionSpec } from '@lateral/spec';

/**
 * `fireworksai.*` model options beyond the common ones core handles. None: the model is the
 * common `fireworksai.model_version` (a full resource name such as
 * `accounts/fireworks/models/llama-v3p1-8b-instruct`), required because Fireworks requires `model`.
 */
export const fireworksaiModelOptions: readonly OptionSpec[] = [];
