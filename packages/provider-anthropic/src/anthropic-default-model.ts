/**
 * The model sent when a model sets no `anthropic.model_version` — the role `gpt-3.5-turbo` plays
 * for `'provider' = 'openai'` in the dialect. The seed document registers its Claude model without
 * one, so a default is needed for that statement to run as written. Claude Haiku 4.5 is Anthropic's
 * current smallest, fastest and cheapest model, served on the Messages API to every account (and on
 * Bedrock and Vertex AI); `claude-haiku-4-5` is its alias, which follows the newest snapshot of that
 * model rather than pinning a date (pin `claude-haiku-4-5-20251001` for fixed behaviour). Older
 * ids such as `claude-3-5-haiku-latest` name an older generation, which Anthropic retires first.
 */
export const ANTHROPIC_DEFAULT_MODEL = 'claude-haiku-4-5';
