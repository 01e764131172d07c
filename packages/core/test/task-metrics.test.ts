import { describe, expect, it } from 'vitest';
import { PluginRegistry, TASK_IDS, builtinTasksPlugin } from '@lateral/core';

describe('task evaluation metrics', () => {
  it("gives each task Confluent's ML_EVALUATE metrics, in order", () => {
    const registry = new PluginRegistry();
    registry.registerPlugin(builtinTasksPlugin);
    const metrics = Object.fromEntries(TASK_IDS.map((id) => [id, registry.task(id)!.metrics]));
    expect(metrics).toEqual({
      classification: ['Accuracy', 'Precision', 'Recall', 'F1'],
      clustering: ['Mean Davies-Bouldin Index'],
      embedding: ['Mean Cosine Similarity', 'Mean Jaccard Similarity', 'Mean Euclidean Distance'],
      regression: ['MAE', 'MSE', 'RMSE', 'MAPE', 'R²'],
      text_generation: ['Mean BLEU', 'Mean ROUGE', 'Mean Semantic Similarity'],
    });
  });
});
