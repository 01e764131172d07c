export { main } from './main.js';
export { ScriptRunner } from './script-runner.js';
export { writeRows, OUTPUT_FORMATS } from './output/result-writer.js';
export type { OutputFormat, Streams } from './output/result-writer.js';
export { isCompleteScript } from './shell/statement-buffer.js';
