import type { OptionSpec } from '@lateral/spec';

/** `<id>.model` names the local model; everything else is core's common option set. */
export const localModelOptions: readonly OptionSpec[] = [
  {
    key: 'model',
    type: 'string',
    required: true,
    description:
      "The model to run: a built-in name ('sentiment-en', 'glove-100d') or a name resolved in the models directory (e.g. 'BAAI/bge-small-en-v1.5').",
  },
];
