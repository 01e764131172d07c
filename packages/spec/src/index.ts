// @lateral/spec: what a plugin package (provider, connector, table function) builds against.
// The kernel (@lateral/core) implements these contracts and re-exports them for the host.
export * from './contracts/connector.js';
export * from './contracts/diagnostic.js';
export * from './contracts/format.js';
export * from './contracts/format-defaults.js';
export * from './contracts/option-spec.js';
export * from './contracts/plugin.js';
export * from './contracts/provider.js';
export * from './contracts/resolved-model.js';
export * from './contracts/task.js';
export * from './contracts/transport.js';
export * from './errors/did-you-mean.js';
export * from './errors/error-codes.js';
export * from './errors/lateral-error.js';
export * from './errors/mask-secrets.js';
export * from './errors/provider-call-error.js';
export * from './formats/format-name.js';
export * from './http/call-deadline.js';
export * from './http/response-body.js';
export * from './http/response-limit.js';
export * from './http/retry-policy.js';
export * from './http/send-http.js';
export * from './types/params.js';
export * from './types/schema.js';
export * from './types/sql-types.js';
export * from './plugins/plugin-packages.js';
export * from './plugins/published-plugins.js';
