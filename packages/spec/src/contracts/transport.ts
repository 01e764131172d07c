/**
 * One HTTP exchange with a provider. The transport owns the URL (from the connection endpoint),
 * authentication (API key header, SigV4, OAuth bearer with a token cache) and the undici
 * dispatcher; formats own the body.
 */
export interface TransportRequest {
  /** Body produced by the input format. */
  body: string | Uint8Array;
  /** `Content-Type` and `Accept` plus any format-specific headers. Auth headers are added by the transport. */
  headers: Record<string, string>;
  /**
   * Optional operation hint from the input format when one endpoint serves several verbs
   * (e.g. `batchEmbedContents` vs `embedContent` for Gemini). Transports ignore what they do not know.
   */
  operation?: string;
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: number;
  /** Largest response body to read, in bytes: transports pass it on to sendHttp. */
  maxResponseBytes?: number;
  /**
   * Where the transport registers every credential it derives for this request (an OAuth access
   * token, a SigV4 signature, a session token): they join the call's masked set, so a server that
   * echoes the request headers in an error cannot put them into messages or traces.
   */
  secrets?: SecretSink;
}

/** Collects secrets for masking; a `Set<string>` is one. */
export interface SecretSink {
  add(secret: string): unknown;
}

export interface TransportResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  close?(): Promise<void>;
}
