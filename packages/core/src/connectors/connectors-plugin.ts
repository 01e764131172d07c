import type { LateralPluginV1 } from '@lateral/spec';
import { memoryConnector } from './connector-memory.js';

/**
 * The connector core ships: `memory` (the default), built in because its rows live in the data
 * directory's store. Every other connector is a package loaded by the naming rule
 * (`'connector' = 'filesystem'` → `@lateral/connector-filesystem`), registered through the same
 * registry path.
 */
export const builtinConnectorsPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/core/connectors',
  provides: ['connector:memory'],
  register(registrar) {
    registrar.registerConnector(memoryConnector);
  },
};
