import type { MutableCatalog } from '../catalog/mutable-catalog.js';
import type { EngineContext } from '../engine/engine-context.js';

/** What a DDL statement handler needs: the engine context plus the catalog it may change. */
export interface DdlContext {
  engine: EngineContext;
  catalog: MutableCatalog;
}
