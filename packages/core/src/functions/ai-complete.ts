import { isCharacter } from '../expressions/expr-types.js';
import { describeColumns, modelCallFunction } from './model-call.js';

/** `AI_COMPLETE(model, prompt)`: a text-generation model, one STRING input, one STRING output (reference §11.2). */
export const aiCompleteFunction = modelCallFunction({
  name: 'AI_COMPLETE',
  checkModel(model, modelArg, context) {
    const oneTextInput = model.input.length === 1 && isCharacter(model.input[0]!.dataType);
    const output = model.output.length === 1 ? model.output[0]!.dataType : undefined;
    if (oneTextInput && output && isCharacter(output)) return;
    throw context.error(
      'LATERAL_ERR_BIND_ARGUMENTS',
      `AI_COMPLETE needs a model with one STRING input and one STRING output; '${model.name}' has INPUT ${describeColumns(model.input, context)} OUTPUT ${describeColumns(model.output, context)}`,
      modelArg.location,
    );
  },
  arityMessage: (given) => `AI_COMPLETE takes the model and one text argument, got ${given} arguments after the model`,
});
