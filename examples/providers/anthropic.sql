-- Anthropic: Claude through the Messages API.
--
-- Placeholders:
--   ${env:ANTHROPIC_API_KEY}   your API key (sent as `x-api-key`): export ANTHROPIC_API_KEY=sk-ant-...
--   claude-3-5-haiku-latest    any model id your key may use
--
-- Run: lateral run examples/providers/anthropic.sql
CREATE CONNECTION IF NOT EXISTS anthropic_connection WITH (
  'type' = 'anthropic',
  'endpoint' = 'https://api.anthropic.com/v1/messages',
  'api-key' = '${env:ANTHROPIC_API_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'anthropic',
    'task' = 'classification',
    'anthropic.connection' = 'anthropic_connection',
    'anthropic.model_version' = 'claude-3-5-haiku-latest',
    'anthropic.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
    'anthropic.params.max_tokens' = '16');

DROP TABLE IF EXISTS reviews;
CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES
  (1, 'I love this blender, it is fantastic and quiet.'),
  (2, 'Terrible support, the replacement part never arrived.'),
  (3, 'The box was delivered on Tuesday.');

SELECT id, review, sentiment
FROM reviews, LATERAL TABLE(ML_PREDICT('review_sentiment', review));
