export { executeQuery } from './query-execute.js';
export { executeInsert } from './query-insert.js';
