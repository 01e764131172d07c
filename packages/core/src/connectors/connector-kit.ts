import { dataStoreFor } from '../store/data-store.js';

/**
 * What connector packages (`@lateral/connector-*`) share with core: the row codecs (the JSON Lines
 * encoding memory tables store, CSV), the readers, the writer identity in-progress files are named
 * with, and the data directory's write lock. Exported from `@lateral/core`.
 */
export { encodeJsonLines, readError, rowReader, type RowOrigin } from './connector-row-codec.js';
export { readJsonLines, type JsonReadOptions } from './connector-json-reader.js';
export { encodeCsvLines, type CsvDialect } from './connector-csv-codec.js';
export { isWriterDead, LOCAL_HOST, type WriterIdentity } from '../store/writer-identity.js';

/**
 * Runs `work` (synchronous) while holding the data directory's write lock, the one every catalog
 * change and memory INSERT takes, across processes: a connector serialises its own commits with it
 * (two INSERTs appending to one file). Not synced on its own: the work makes itself durable.
 */
export function withDataDirWriteLock(dataDir: string, work: () => void): void {
  dataStoreFor(dataDir).write(work, { durable: false });
}
