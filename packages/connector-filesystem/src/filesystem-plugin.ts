import type { LateralPluginV1 } from '@lateral/spec';
import { filesystemConnector } from './filesystem-connector.js';

/** Registers the `filesystem` connector; the kernel loads this package for `'connector' = 'filesystem'`. */
export const filesystemPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/connector-filesystem',
  provides: ['connector:filesystem'],
  register(registrar) {
    registrar.registerConnector(filesystemConnector);
  },
};
