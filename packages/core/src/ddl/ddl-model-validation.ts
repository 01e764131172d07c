import type { MutableCatalog } from '../catalog/mutable-catalog.js';
import type { EngineContext } from '../engine/engine-context.js';
import type { ModelValidationContext } from '../options/model-validation.js';

/** Model checks see stored connections with secrets resolved as far as the environment allows. */
export function modelValidationContext(engine: EngineContext, catalog: MutableCatalog): ModelValidationContext {
  return {
    registry: engine.registry,
    environment: engine.environment,
    findConnection(name) {
      const entry = catalog.getConnection(name);
      if (!entry) return undefined;
      return { entry, resolved: catalog.resolveConnection(entry.name, engine.environment, { lenient: true }) };
    },
  };
}
