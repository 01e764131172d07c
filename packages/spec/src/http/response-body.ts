import type { ResponseBody } from '../contracts/format.js';
import { LateralError } from '../errors/lateral-error.js';

const decoder = new TextDecoder();

/** Wraps response bytes with lazy, memoised text and JSON views. */
export function responseBody(bytes: Uint8Array, contentType?: string): ResponseBody {
  let text: string | undefined;
  let parsed: { value: unknown } | undefined;
  return {
    bytes,
    contentType,
    text() {
      text ??= decoder.decode(bytes);
      return text;
    },
    json() {
      if (parsed) return parsed.value;
      try {
        parsed = { value: JSON.parse(this.text()) };
      } catch (cause) {
        throw new LateralError({
          code: 'LATERAL_ERR_PROVIDER_RESPONSE',
          message: 'Error parsing ML Predict response: response was not valid json.',
          cause,
        });
      }
      return parsed.value;
    },
  };
}
