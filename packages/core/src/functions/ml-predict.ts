import { modelCallFunction } from './model-call.js';

/** `ML_PREDICT(model, args...)`: any model; one argument per model INPUT column (reference §11.1). */
export const mlPredictFunction = modelCallFunction({
  name: 'ML_PREDICT',
  arityMessage: (given, model) => `ML Predict argument list didn't match model input columns ${given} != ${model.input.length}`,
});
