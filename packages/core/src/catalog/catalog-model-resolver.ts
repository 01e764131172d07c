import type { ObjectName } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import { LateralError, LateralErrors } from '@lateral/spec';
import { resolveEnvReferences } from '../options/env-reference.js';
import { diagnosticToError } from '../options/diagnostics-error.js';
import { buildResolvedModel } from '../options/model-resolution.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { ModelEntry, ModelVersionEntry } from './catalog.js';
import type { MutableCatalog } from './mutable-catalog.js';
import { objectBaseName } from './name-lookup.js';

/**
 * `name` / `name$n` → the plain-data description of that version (default version without a
 * suffix), with every `${env:NAME}` resolved now, at run time. Errors point at the name.
 */
export function resolveCatalogModel(
  catalog: MutableCatalog,
  registry: PluginRegistry,
  name: ObjectName,
  environment: Record<string, string | undefined>,
): ResolvedModel {
  const located = <T extends LateralError>(error: T): T => withLocation(error, name);
  const model = catalog.getModel(objectBaseName(name));
  if (!model) {
    throw located(new LateralError({ code: 'LATERAL_ERR_CATALOG_NOT_FOUND', message: `Model '${objectBaseName(name)}' does not exist.` }));
  }
  if (name.version === 'all') {
    throw located(
      new LateralError({
        code: 'LATERAL_ERR_BIND_UNSUPPORTED',
        message: `'${model.name}$all' names every version; only DESCRIBE MODEL, DROP MODEL and ML_EVALUATE accept it.`,
      }),
    );
  }
  const version = pickVersion(model, name.version);
  if (!version) {
    throw located(
      new LateralError({
        code: 'LATERAL_ERR_CATALOG_NOT_FOUND',
        message: `Model '${model.name}' has no version ${String(name.version)}; versions: ${model.versions.map((v) => v.version).join(', ')}.`,
      }),
    );
  }
  try {
    const owner = `model '${model.name}' version ${version.version}`;
    const options: Record<string, string> = {};
    for (const [key, value] of Object.entries(version.options)) options[key] = resolveEnvReferences(value, environment, { owner, option: key });
    const providerId = options.provider?.trim().toLowerCase();
    const connectionName = providerId ? options[`${providerId}.connection`] : undefined;
    const connection = connectionName === undefined ? undefined : catalog.resolveConnection(connectionName, environment);
    const resolution = buildResolvedModel(
      { name: model.name, version: version.version, input: model.input, output: model.output, options, ...(connection ? { connection } : {}) },
      registry,
    );
    if (!resolution.model) {
      const errors = resolution.diagnostics.map((diagnostic) => located(diagnosticToError(diagnostic)));
      throw errors.length === 1 ? errors[0] : new LateralErrors(errors);
    }
    return resolution.model;
  } catch (error) {
    if (LateralError.isInstance(error)) throw located(error);
    throw error;
  }
}

export function pickVersion(model: ModelEntry, version: number | undefined): ModelVersionEntry | undefined {
  const wanted = version ?? model.defaultVersion;
  return model.versions.find((entry) => entry.version === wanted);
}

/** Errors from deep inside resolution know no SQL position; the model reference does. */
function withLocation<T extends LateralError>(error: T, name: ObjectName): T {
  if (error.location) return error;
  (error as { location?: ObjectName['location'] }).location = name.location;
  return error;
}
