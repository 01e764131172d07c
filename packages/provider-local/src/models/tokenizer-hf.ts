import { Tokenizer } from '@huggingface/tokenizers';
import { sizeSetting, type OnnxModelFiles } from './onnx-model-files.js';

/** Used when none of the model's files states a limit: BERT's position table. */
const DEFAULT_MAX_LENGTH = 512;

export interface TokenizedText {
  ids: number[];
  typeIds: number[];
}

/**
 * The model's own tokenizer (its `tokenizer.json`, run by `@huggingface/tokenizers`, the pure-JS
 * tokenizers transformers.js uses: WordPiece, BPE, Unigram; normalisers; templates adding
 * [CLS]/[SEP] or <s>/</s>), plus what that library leaves to its caller: truncation to the
 * model's maximum length, keeping the closing special tokens, and the padding id.
 */
export class HfTokenizer {
  readonly maxLength: number;
  readonly padId: number;
  private readonly tokenizer: Tokenizer;
  /** How many special tokens the template appends after the text ([SEP], </s>). */
  private readonly suffixLength: number;

  constructor(files: OnnxModelFiles) {
    this.tokenizer = new Tokenizer(files.tokenizer, files.tokenizerConfig);
    this.maxLength = maxLengthOf(files);
    this.padId = padIdOf(files, this.tokenizer);
    this.suffixLength = this.measureSuffix();
  }

  encode(text: string): TokenizedText {
    // The package's .d.ts files import without extensions, so under NodeNext its Encoding type
    // resolves to `any`: the shape is stated here.
    const encoding: { ids: number[]; token_type_ids?: number[] } = this.tokenizer.encode(text, { return_token_type_ids: true });
    let ids = encoding.ids;
    let typeIds = encoding.token_type_ids ?? new Array<number>(ids.length).fill(0);
    if (ids.length > this.maxLength) {
      const keep = this.maxLength - this.suffixLength;
      ids = [...ids.slice(0, keep), ...ids.slice(ids.length - this.suffixLength)];
      typeIds = [...typeIds.slice(0, keep), ...typeIds.slice(typeIds.length - this.suffixLength)];
    }
    return { ids, typeIds };
  }

  /** The text's tokens as strings, special tokens included (for tests and diagnostics). */
  tokens(text: string): string[] {
    return this.encode(text).ids.map((id) => this.tokenizer.id_to_token(id) ?? '?');
  }

  private measureSuffix(): number {
    const probe = 'a';
    const withSpecial: number[] = this.tokenizer.encode(probe).ids;
    const plain: number[] = this.tokenizer.encode(probe, { add_special_tokens: false }).ids;
    for (let start = 0; start + plain.length <= withSpecial.length; start += 1) {
      if (plain.every((id, index) => withSpecial[start + index] === id)) return withSpecial.length - start - plain.length;
    }
    return 0;
  }
}

/**
 * sentence-transformers' `max_seq_length` first (it is what the model was trained to embed, often
 * shorter than the tokenizer's), then the tokenizer's own truncation, then `model_max_length`,
 * never more than the position table (`max_position_embeddings`).
 */
function maxLengthOf(files: OnnxModelFiles): number {
  const truncation = files.tokenizer.truncation as { max_length?: unknown } | null | undefined;
  const stated =
    sizeSetting(files.sentenceBertConfig.max_seq_length) ??
    sizeSetting(truncation?.max_length) ??
    sizeSetting(files.tokenizerConfig.model_max_length);
  const positions = sizeSetting(files.config.max_position_embeddings);
  return Math.min(stated ?? positions ?? DEFAULT_MAX_LENGTH, positions ?? Number.POSITIVE_INFINITY);
}

function padIdOf(files: OnnxModelFiles, tokenizer: Tokenizer): number {
  const padding = files.tokenizer.padding as { pad_id?: unknown } | null | undefined;
  if (typeof padding?.pad_id === 'number') return padding.pad_id;
  const padToken = files.tokenizerConfig.pad_token;
  const name = typeof padToken === 'string' ? padToken : (padToken as { content?: unknown } | undefined)?.content;
  const id = typeof name === 'string' ? tokenizer.token_to_id(name) : undefined;
  // Padded positions are masked out, so any id works when the model names no pad token.
  return id ?? 0;
}
