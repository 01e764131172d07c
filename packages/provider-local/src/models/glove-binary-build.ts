import { readFileSync } from 'node:fs';
import { GLOVE_MAGIC, HEADER_WORDS, hashWord, tableSizeFor } from './glove-binary-layout.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;

/**
 * Converts the package's JSON (`{"dimensions":100,...,"vectors":{"word":[d1..d100, l2norm, index]}}`)
 * into the binary layout. It scans the bytes instead of calling JSON.parse: parsing 300 MB of JSON
 * into objects needs about 1 GB of heap, the scan needs the file and the output.
 */
export function buildGloveBinary(jsonPath: string): Buffer {
  const source = readFileSync(jsonPath);
  const dimensions = readHeaderNumber(source, 'dimensions');
  const declaredCount = readHeaderNumber(source, 'size');
  let position = source.indexOf('"vectors":{', 0, 'latin1');
  if (position < 0) throw new Error(`${jsonPath} has no "vectors" object.`);
  position += '"vectors":{'.length;

  const vectors = new Float32Array(declaredCount * dimensions);
  const words: string[] = [];
  while (position < source.length && source[position] !== CLOSE_BRACE) {
    if (source[position] === COMMA) position += 1;
    const keyEnd = endOfString(source, position);
    const word = JSON.parse(source.toString('utf8', position, keyEnd + 1)) as string;
    position = source.indexOf(OPEN_BRACKET, keyEnd) + 1;
    const base = words.length * dimensions;
    for (let d = 0; d < dimensions; d += 1) {
      const end = nextDelimiter(source, position);
      vectors[base + d] = parseNumber(source, position, end);
      position = end + 1;
    }
    position = source.indexOf(CLOSE_BRACKET, position) + 1;
    words.push(word);
  }
  return assemble(dimensions, words, vectors.subarray(0, words.length * dimensions));
}

function assemble(dimensions: number, words: string[], vectors: Float32Array): Buffer {
  const count = words.length;
  const tableSize = tableSizeFor(count);
  const offsets = new Uint32Array(count + 1);
  let joined = '';
  for (let i = 0; i < count; i += 1) {
    offsets[i] = joined.length;
    joined += words[i];
  }
  offsets[count] = joined.length;
  const table = new Int32Array(tableSize).fill(-1);
  const mask = tableSize - 1;
  words.forEach((word, index) => {
    let slot = hashWord(word) & mask;
    while (table[slot]! >= 0) slot = (slot + 1) & mask;
    table[slot] = index;
  });
  const wordBytes = Buffer.from(joined, 'utf8');
  const header = new Uint32Array([GLOVE_MAGIC, dimensions, count, tableSize, joined.length, wordBytes.length, 0, 0]);
  if (header.length !== HEADER_WORDS) throw new Error('glove header layout drifted');
  return Buffer.concat([
    Buffer.from(header.buffer),
    Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength),
    Buffer.from(offsets.buffer),
    Buffer.from(table.buffer),
    wordBytes,
  ]);
}

function readHeaderNumber(source: Buffer, key: string): number {
  const head = source.toString('latin1', 0, 200);
  const match = new RegExp(`"${key}":(\\d+)`).exec(head);
  if (!match) throw new Error(`GloVe JSON header has no "${key}".`);
  return Number(match[1]);
}

function endOfString(source: Buffer, openQuote: number): number {
  let i = openQuote + 1;
  while (source[i] !== QUOTE) i += source[i] === BACKSLASH ? 2 : 1;
  return i;
}

function nextDelimiter(source: Buffer, from: number): number {
  let i = from;
  while (source[i] !== COMMA && source[i] !== CLOSE_BRACKET) i += 1;
  return i;
}

/** Parses a JSON number from ASCII bytes without allocating a string for the common forms. */
function parseNumber(source: Buffer, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (source[i] === 0x2d) {
    sign = -1;
    i += 1;
  }
  let value = 0;
  while (i < end && source[i]! >= 0x30 && source[i]! <= 0x39) value = value * 10 + (source[i++]! - 0x30);
  if (i < end && source[i] === 0x2e) {
    i += 1;
    let scale = 0.1;
    while (i < end && source[i]! >= 0x30 && source[i]! <= 0x39) {
      value += (source[i++]! - 0x30) * scale;
      scale /= 10;
    }
  }
  if (i < end) return Number(source.toString('latin1', start, end)); // exponent forms: rare
  return sign * value;
}
