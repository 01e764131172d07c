/**
 * The one catalogue of Lateral's stable error codes. Every code here is documented in
 * docs/errors.md (a test keeps the two in step). Codes never change meaning once released;
 * add new ones instead.
 */
export const ERROR_CODES = {
  // Parsing and binding
  LATERAL_ERR_PARSE_SYNTAX: 'The SQL text is not valid in the dialect.',
  LATERAL_ERR_BIND_UNKNOWN_TABLE: 'A statement names a table that does not exist.',
  LATERAL_ERR_BIND_UNKNOWN_COLUMN: 'A statement names a column that no input provides.',
  LATERAL_ERR_BIND_AMBIGUOUS_COLUMN: 'A column name matches columns of several inputs.',
  LATERAL_ERR_BIND_UNKNOWN_FUNCTION: 'A statement calls a function Lateral does not know.',
  LATERAL_ERR_BIND_ARGUMENTS: 'A function or table function got the wrong number or types of arguments.',
  LATERAL_ERR_BIND_TYPE_MISMATCH: 'A value does not fit the type it must have.',
  LATERAL_ERR_BIND_UNSUPPORTED: 'The statement uses a form Lateral parses but cannot run.',
  LATERAL_ERR_BIND_CONFIG: 'The runtime configuration MAP of an inference call is invalid.',
  LATERAL_ERR_PARSE_TOO_DEEP: 'The statement nests deeper than the parser allows (256 levels).',
  // Catalog
  LATERAL_ERR_CATALOG_EXISTS: 'An object with that name already exists.',
  LATERAL_ERR_CATALOG_NOT_FOUND: 'The named connection, model, model version or table does not exist.',
  LATERAL_ERR_CATALOG_IN_USE: 'The object is still used by another object.',
  LATERAL_ERR_CATALOG_CORRUPT: 'A file in the data directory could not be read.',
  LATERAL_ERR_CATALOG_VERSION_LIMIT: 'A model already has the maximum number of versions (10).',
  LATERAL_ERR_CATALOG_VERSION_CONFLICT: 'A new model version differs from the model in INPUT, OUTPUT, COMMENT or task.',
  LATERAL_ERR_TABLE_SCHEMA: 'A CREATE TABLE column list is invalid (no columns, or a name declared twice).',
  LATERAL_ERR_DATA_DIR_BUSY: "Another process held the data directory's write lock for longer than the wait allows.",
  LATERAL_ERR_CATALOG_CHANGED: 'Another session changed or dropped the object while the statement ran; nothing was changed.',
  // Options (CREATE CONNECTION / CREATE MODEL / CREATE TABLE / SET)
  LATERAL_ERR_OPTION_MISSING: 'A required option is not set.',
  LATERAL_ERR_OPTION_UNKNOWN: 'An option key is not recognised for this object.',
  LATERAL_ERR_OPTION_INVALID: 'An option value is not valid.',
  LATERAL_ERR_OPTION_CONFLICT: 'Options that cannot be used together are set.',
  LATERAL_ERR_OPTION_PARAMS_LIMIT: 'More than 32 `<provider>.params.*` entries are set.',
  LATERAL_ERR_CONNECTION_TYPE_MISMATCH: "A model's connection is of a type its provider cannot use.",
  LATERAL_ERR_SECRET_MISSING: 'A secret the connection type requires is not set.',
  LATERAL_ERR_SECRET_NOT_ALLOWED: 'A secret key is not valid for the connection type.',
  LATERAL_ERR_SECRET_TOO_LONG: 'A secret is longer than 4000 bytes.',
  LATERAL_ERR_SECRET_ENV_UNSET: 'A `${env:NAME}` reference names an environment variable that is not set.',
  // Plugins and formats
  LATERAL_ERR_PROVIDER_UNKNOWN: 'The provider is not known or its package is not installed.',
  LATERAL_ERR_PLUGIN_INVALID: 'A plugin failed registration (contract version, duplicate id or missing dependency).',
  LATERAL_ERR_FORMAT_UNKNOWN: 'An input or output format name is not known.',
  LATERAL_ERR_FORMAT_SCHEMA: "The model's INPUT or OUTPUT schema cannot be served by its format.",
  LATERAL_ERR_TASK_UNKNOWN: 'The task is not one of the five the dialect defines.',
  LATERAL_ERR_CONNECTOR_UNKNOWN: 'The connector is not known: its package is not installed.',
  // Running inference
  LATERAL_ERR_PROVIDER_HTTP: 'The provider answered with an error status.',
  LATERAL_ERR_PROVIDER_UNREACHABLE: 'The provider endpoint could not be reached.',
  LATERAL_ERR_PROVIDER_TIMEOUT: 'The call did not finish within its client timeout.',
  LATERAL_ERR_PROVIDER_RESPONSE: "The provider's response could not be decoded into the model's OUTPUT.",
  LATERAL_ERR_PROVIDER_AUTH: 'Authentication with the provider failed before a request could be sent.',
  LATERAL_ERR_RETRIES_EXHAUSTED: 'A retryable failure persisted after every allowed retry.',
  LATERAL_ERR_WORKER_CRASHED: 'A worker thread died while it was running inference requests.',
  LATERAL_ERR_ABORTED: 'The statement was cancelled.',
  LATERAL_ERR_LOCAL_MODEL_NOT_FOUND: 'A local model is not in the models directory.',
  LATERAL_ERR_LOCAL_MODEL_LOAD: 'A local model could not be loaded.',
  LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE: "The provider's response body was larger than the response size limit.",
  // Execution and I/O
  LATERAL_ERR_EXEC_RUNTIME: 'Evaluating an expression failed at run time.',
  LATERAL_ERR_CONNECTOR_IO: 'Reading or writing a table failed.',
  LATERAL_ERR_CLI_USAGE: 'The command line is not valid.',
  LATERAL_ERR_INTERNAL: 'An unexpected internal failure (a bug: please report it).',
  LATERAL_ERR_FILE_IO: 'A file or directory Lateral needs could not be read or written (permissions, read-only or full disk, a file in the way).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
