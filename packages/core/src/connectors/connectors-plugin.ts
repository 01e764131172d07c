import type { LateralPluginV1 } from '@lateral/spec';
import { filesystemConnector } from './connector-filesystem.js';
import { memoryConnector } from './connector-memory.js';

/** The connectors core ships: `memory` (the default) and Flink's `filesystem`. */
export const builtinConnectorsPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/core/connectors',
  provides: ['connector:memory', 'connector:filesystem'],
  register(registrar) {
    registrar.registerConnector(memoryConnector);
    registrar.registerConnector(filesystemConnector);
  },
};
