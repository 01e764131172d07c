import { describe, expect, it } from 'vitest';
import { PluginRegistry, TASK_IDS, builtinTasksPlugin, type Column, type DataType } from '@lateral/core';

const STRING: DataType = { kind: 'STRING', nullable: true };
const VECTOR: DataType = { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true };
const col = (name: string, dataType: DataType): Column => ({ name, dataType });

function registry(): PluginRegistry {
  const plugins = new PluginRegistry();
  plugins.registerPlugin(builtinTasksPlugin);
  return plugins;
}

describe('builtinTasksPlugin', () => {
  it('registers the five tasks of the dialect', () => {
    const plugins = registry();
    for (const id of TASK_IDS) expect(plugins.task(id)?.id).toBe(id);
    expect(plugins.task('TEXT_GENERATION')?.id).toBe('text_generation');
    expect(builtinTasksPlugin.provides).toEqual(TASK_IDS.map((id) => `task:${id}`));
  });

  it('rejects an embedding model whose single output is not an array', () => {
    const embedding = registry().task('embedding')!;
    expect(embedding.validate([col('text', STRING)], [col('embedding', VECTOR)])).toEqual([]);
    expect(embedding.validate([col('text', STRING)], [col('embedding', STRING)])).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message:
          "Invalid Schema for model output: task 'embedding' produces vectors, so its OUTPUT column must be an ARRAY (e.g. ARRAY<FLOAT>), but embedding is STRING.",
      },
    ]);
  });

  it.each(['classification', 'clustering', 'regression', 'text_generation'])('%s leaves shapes to the formats', (id) => {
    const task = registry().task(id)!;
    expect(task.validate([col('a', VECTOR)], [col('b', STRING)])).toEqual([]);
    expect(task.validate([col('a', STRING)], [col('b', VECTOR), col('c', STRING)])).toEqual([]);
  });
});
