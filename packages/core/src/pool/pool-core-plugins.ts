import type { LateralPluginV1 } from '@lateral/spec';
import { builtinFormatsPlugin } from '../formats/index.js';
import { builtinTasksPlugin } from '../tasks/index.js';

/**
 * Core's built-in plugins a worker registers before any provider: the formats (providers declare
 * them as dependencies) and the tasks. Imported by path so a worker does not load all of core.
 */
export function corePlugins(): LateralPluginV1[] {
  return [builtinFormatsPlugin, builtinTasksPlugin];
}
