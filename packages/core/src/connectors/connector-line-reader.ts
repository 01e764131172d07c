import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface LineBatch {
  lines: string[];
  /** 1-based line number of `lines[0]` in the file, for messages. */
  firstLine: number;
}

/**
 * Reads a text file as batches of lines, pulling the file chunk by chunk: memory holds one chunk
 * and one batch, whatever the file size. `end` (exclusive byte offset) reads a snapshot of a file
 * that is being appended to. Empty lines are kept (callers skip them) so line numbers stay true.
 */
export async function* readLineBatches(path: string, options: { end?: number; batchSize: number }): AsyncGenerator<LineBatch> {
  if (options.end === 0) return;
  const stream = createReadStream(path, { end: options.end === undefined ? undefined : options.end - 1, highWaterMark: 64 * 1024 });
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lines: string[] = [];
  let firstLine = 1;
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const parts = (carry + decoder.write(chunk)).split('\n');
      carry = parts.pop()!;
      for (const part of parts) {
        lineNumber++;
        lines.push(part.endsWith('\r') ? part.slice(0, -1) : part);
        if (lines.length >= options.batchSize) {
          yield { lines, firstLine };
          lines = [];
          firstLine = lineNumber + 1;
        }
      }
    }
    carry += decoder.end();
    if (carry !== '') lines.push(carry.endsWith('\r') ? carry.slice(0, -1) : carry);
    if (lines.length > 0) yield { lines, firstLine };
  } finally {
    stream.destroy();
  }
}
