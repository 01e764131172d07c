/**
 * What a provider declares about the shared formats it uses, as data, so the formats in the kernel
 * decide nothing by provider id. Keyed by the canonical input format id in
 * `ProviderV1.formatDefaults`; the kernel hands the model's entry to the formats as
 * `FormatContext.defaults`.
 */
export interface FormatDefaults {
  /** The model the request names when the model has no `<id>.model_version` (APIs that require one). */
  readonly modelVersion?: string;
  /** CREATE MODEL fails without `<id>.model_version`: the provider's API needs a model and has no default. */
  readonly requiresModelVersion?: boolean;
  /**
   * Content type of a request that carries binary payloads after its JSON header, when the host
   * wants its own (SageMaker's Triton). `{json-header-size}` is replaced by the JSON header's length.
   */
  readonly binaryContentType?: string;
}
