import { isCharacter } from '../expressions/expr-types.js';
import { describeColumns, modelCallFunction } from './model-call.js';

/** `AI_EMBEDDING(model, text)`: an embedding model, one STRING input, one ARRAY<FLOAT|DOUBLE> output (reference §11.3). */
export const aiEmbeddingFunction = modelCallFunction({
  name: 'AI_EMBEDDING',
  checkModel(model, modelArg, context) {
    const oneTextInput = model.input.length === 1 && isCharacter(model.input[0]!.dataType);
    const output = model.output.length === 1 ? model.output[0]!.dataType : undefined;
    const isVector = output?.kind === 'ARRAY' && (output.element.kind === 'FLOAT' || output.element.kind === 'DOUBLE');
    if (oneTextInput && isVector) return;
    throw context.error(
      'LATERAL_ERR_BIND_ARGUMENTS',
      `AI_EMBEDDING needs a model with one STRING input and an ARRAY<FLOAT> output; '${model.name}' has INPUT ${describeColumns(model.input, context)} OUTPUT ${describeColumns(model.output, context)}`,
      modelArg.location,
    );
  },
  arityMessage: (given) => `AI_EMBEDDING takes the model and one text argument, got ${given} arguments after the model`,
});
