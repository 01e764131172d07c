// @ts-check
/**
 * Input and output files of the scenarios. Inputs are NDJSON rows `{"id": n, "text": "#n ..."}`
 * with short review-like sentences; the `#n` in the text lets the fake server count which rows it
 * answered. Outputs (Lateral's filesystem sink, or the baseline's file) are NDJSON with an `id`
 * per row, checked for missing and duplicated ids.
 */
import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SENTENCES = [
  'I love this blender, it is fantastic and quiet.',
  'Terrible support, the replacement part never arrived.',
  'The box was delivered on Tuesday.',
  'Great value for the money, works perfectly.',
  'The lid broke after a week. Very disappointed.',
  'It does what it says on the label.',
  'Excellent battery life and a bright screen.',
  'Awful smell out of the box, returned it.',
  'Shipping took five days as promised.',
  'Good sound, bad microphone.',
  'The color matches the photos.',
  'Perfect fit and very comfortable shoes.',
];

/** @param {number} id */
export function rowText(id) {
  return `#${id} ${SENTENCES[id % SENTENCES.length]}`;
}

/**
 * Writes (once; reused by later runs in the same work directory) an input file of `rows` rows.
 * @param {string} workDir
 * @param {number} rows
 * @returns {Promise<string>} the file's path
 */
export async function ensureInputFile(workDir, rows) {
  const path = join(workDir, `input-${rows}.ndjson`);
  if (existsSync(path)) return path;
  const temporary = `${path}.tmp`;
  const out = createWriteStream(temporary);
  const chunk = 10_000;
  for (let start = 0; start < rows; start += chunk) {
    let text = '';
    for (let id = start; id < Math.min(rows, start + chunk); id += 1) text += `${JSON.stringify({ id, text: rowText(id) })}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(temporary, path);
  return path;
}

/**
 * Counts the output rows and checks that each id 0..expected-1 is there exactly once and that
 * each row has its model output (`field` is a non-empty string or array).
 * @param {string} path
 * @param {number} expected
 * @param {string} field the output column to check
 */
export async function verifyOutput(path, expected, field) {
  const counts = new Uint8Array(expected);
  let rows = 0;
  let invalid = 0;
  let unknownIds = 0;
  if (existsSync(path)) {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      rows += 1;
      let row;
      try {
        row = JSON.parse(line);
      } catch {
        invalid += 1;
        continue;
      }
      const id = Number(row.id);
      if (!Number.isInteger(id) || id < 0 || id >= expected) {
        unknownIds += 1;
        continue;
      }
      if (counts[id] < 255) counts[id] += 1;
      const value = row[field];
      if (!((typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0))) invalid += 1;
    }
  }
  let missing = 0;
  let duplicated = 0;
  for (const count of counts) {
    if (count === 0) missing += 1;
    else if (count > 1) duplicated += 1;
  }
  return { rows, missing, duplicated, invalid, unknownIds };
}
