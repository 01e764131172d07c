import type { ConnectionSchema } from '@lateral/spec';

/** Local models need no connection: nothing leaves the machine, so there is nothing to authenticate. */
export const localConnectionSchemas: readonly ConnectionSchema[] = [];
