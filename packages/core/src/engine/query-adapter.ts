// The query engine lives in ../query (binder, planner, executor); the engine reaches it only
// through this file, so DDL and the statement loop do not depend on its internals.
export { executeInsert, executeQuery } from '../query/index.js';
