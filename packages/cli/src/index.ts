export { main } from './main.js';
export { ScriptRunner } from './script-runner.js';
export { createResultWriter, writeRows, OUTPUT_FORMATS } from './output/result-writer.js';
export type { OutputFormat, ResultWriter, Streams, WriterOptions } from './output/result-writer.js';
export { isCompleteScript } from './shell/statement-buffer.js';
