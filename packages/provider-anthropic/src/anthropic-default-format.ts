import type { DefaultFormatContext } from '@lateral/spec';

/**
 * The Anthropic API has one inference surface, the Messages API, so the default input format is
 * always `ANTHROPIC-MESSAGES` (confluent-dialect §5.6, §10 [INF]).
 */
export function anthropicDefaultInputFormat(_context: DefaultFormatContext): string {
  return 'ANTHROPIC-MESSAGES';
}
