import type { Column, Row, TaskId } from '../types/schema.js';
import type { ParamObject } from '../types/params.js';
import type { Diagnostic } from './diagnostic.js';
import type { FormatDefaults } from './format-defaults.js';

/** What a format knows about the model it encodes for. */
export interface FormatContext {
  providerId: string;
  task: TaskId;
  input: Column[];
  output: Column[];
  params: ParamObject;
  systemPrompt?: string;
  modelVersion?: string;
  /** The `:<wrapper>` suffix of `JSON:<wrapper>` and friends. */
  wrapper?: string;
  /**
   * Canonical id of the model's output format, when known. Input formats that can carry several
   * rows per request batch only when this output format can split the answer back into rows;
   * absent means the input format's default output format.
   */
  outputFormatId?: string;
  /** What the model's provider declares for this input format (`ProviderV1.formatDefaults`). */
  defaults?: FormatDefaults;
}

export interface EncodedRequest {
  body: string | Uint8Array;
  /** Defaults to the format's `contentType`. */
  contentType?: string;
  headers?: Record<string, string>;
  operation?: string;
}

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface DecodedResponse {
  /** One output row (values in `FormatContext.output` order) per input row of the request. */
  rows: Row[];
  usage?: TokenUsage;
}

export interface ResponseBody {
  contentType?: string;
  bytes: Uint8Array;
  text(): string;
  /** Parses the body as JSON; throws a LATERAL_ERR_PROVIDER_RESPONSE error when it is not JSON. */
  json(): unknown;
}

export interface InputFormatV1 {
  readonly specificationVersion: 'v1';
  /** Canonical name as the dialect spells it, e.g. `OPENAI-CHAT`. */
  readonly id: string;
  /** Other names (matching ignores case, `-` and `_`). An alias may carry a wrapper: `JSON:inputs`. */
  readonly aliases: readonly string[];
  readonly kind: 'llm' | 'embedding' | 'predictive';
  readonly contentType: string;
  /** The output format used when `<p>.output_format` is not set (reference §9.3). */
  readonly defaultOutputFormat: string;
  /** How many rows one request may carry for this context (1 for chat formats). */
  maxRowsPerRequest(context: FormatContext): number;
  /**
   * `on-request`: the body is the raw record a custom model's container reads (SageMaker CSV,
   * Triton tensors), which may accept only one record, so requests carry one row unless the call's
   * `max_batch_size` (or `<p>.max_batch_size`) asks for more, up to maxRowsPerRequest.
   * `by-contract` (the default): the wire format is a batch (embedding arrays, `instances`,
   * `input_data`, pandas frames) and rows are batched up to maxRowsPerRequest.
   */
  readonly batching?: 'by-contract' | 'on-request';
  /** Checks INPUT/OUTPUT and params at CREATE MODEL time. */
  validate(context: FormatContext): Diagnostic[];
  encode(rows: Row[], context: FormatContext): EncodedRequest;
}

export interface OutputFormatV1 {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly aliases: readonly string[];
  /** Default `Accept` header. */
  readonly accept: string;
  validate(context: FormatContext): Diagnostic[];
  /** Decodes a 2xx response for `rowCount` input rows. Throws LATERAL_ERR_PROVIDER_RESPONSE on mismatch. */
  decode(response: ResponseBody, context: FormatContext, rowCount: number): DecodedResponse;
}
