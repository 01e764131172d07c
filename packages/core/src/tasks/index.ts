import type { LateralPluginV1 } from '@lateral/spec';
import { builtinTasks } from './builtin-tasks.js';

/** Registers the five tasks of the dialect. */
export const builtinTasksPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/core/tasks',
  provides: builtinTasks.map((task) => `task:${task.id}`),
  register(registrar) {
    for (const task of builtinTasks) registrar.registerTask(task);
  },
};

export { builtinTasks };
