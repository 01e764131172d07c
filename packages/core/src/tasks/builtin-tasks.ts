import type { TaskV1 } from '@lateral/spec';
import type { TaskId } from '@lateral/spec';
import { outputSchemaDiagnostic } from '../formats/format-errors.js';
import { typeText } from '../formats/schema-checks.js';

/**
 * The evaluation metrics of each task, by Confluent's names (ML_EVALUATE, reference §11.5): what a
 * task means at run time. Data only until ML_EVALUATE computes them.
 */
export const TASK_METRICS: Readonly<Record<TaskId, readonly string[]>> = {
  classification: ['Accuracy', 'Precision', 'Recall', 'F1'],
  regression: ['MAE', 'MSE', 'RMSE', 'MAPE', 'R²'],
  embedding: ['Mean Cosine Similarity', 'Mean Jaccard Similarity', 'Mean Euclidean Distance'],
  clustering: ['Mean Davies-Bouldin Index'],
  text_generation: ['Mean BLEU', 'Mean ROUGE', 'Mean Semantic Similarity'],
};

/**
 * The dialect's five tasks (reference §6). Apart from ML_EVALUATE (its metrics) the task has no
 * documented runtime effect, and the formats already check INPUT/OUTPUT shapes, so tasks stay
 * permissive and reject only what cannot work: an embedding model whose one OUTPUT column is not
 * an array.
 */
function permissiveTask(id: TaskId): TaskV1 {
  return { specificationVersion: 'v1', id, metrics: TASK_METRICS[id], validate: () => [] };
}

export const classificationTask = permissiveTask('classification');
export const clusteringTask = permissiveTask('clustering');
export const regressionTask = permissiveTask('regression');
export const textGenerationTask = permissiveTask('text_generation');

export const embeddingTask: TaskV1 = {
  specificationVersion: 'v1',
  id: 'embedding',
  metrics: TASK_METRICS.embedding,
  validate(_input, output) {
    const only = output.length === 1 ? output[0]! : undefined;
    if (!only || only.dataType.kind === 'ARRAY') return [];
    return [
      outputSchemaDiagnostic(
        `task 'embedding' produces vectors, so its OUTPUT column must be an ARRAY (e.g. ARRAY<FLOAT>), but ${only.name} is ${typeText(only.dataType)}.`,
      ),
    ];
  },
};

export const builtinTasks: readonly TaskV1[] = [classificationTask, clusteringTask, embeddingTask, regressionTask, textGenerationTask];
