-- Fireworks AI: OpenAI-compatible chat completions and embeddings.
--
-- Placeholders:
--   ${env:FIREWORKS_API_KEY}   your API key (sent as `Authorization: Bearer`): export FIREWORKS_API_KEY=fw_...
--   accounts/fireworks/models/llama-v3p1-8b-instruct, nomic-ai/nomic-embed-text-v1.5
--                              any chat / embedding model your account may use (its resource name)
--
-- Run: lateral run examples/providers/fireworksai.sql
CREATE CONNECTION IF NOT EXISTS fireworks_chat WITH (
  'type' = 'fireworksai',
  'endpoint' = 'https://api.fireworks.ai/inference/v1/chat/completions',
  'api-key' = '${env:FIREWORKS_API_KEY}');

CREATE CONNECTION IF NOT EXISTS fireworks_embeddings WITH (
  'type' = 'fireworksai',
  'endpoint' = 'https://api.fireworks.ai/inference/v1/embeddings',
  'api-key' = '${env:FIREWORKS_API_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'fireworksai',
    'task' = 'classification',
    'fireworksai.connection' = 'fireworks_chat',
    'fireworksai.model_version' = 'accounts/fireworks/models/llama-v3p1-8b-instruct',
    'fireworksai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH (
    'provider' = 'fireworksai',
    'task' = 'embedding',
    'fireworksai.connection' = 'fireworks_embeddings',
    'fireworksai.model_version' = 'nomic-ai/nomic-embed-text-v1.5');

DROP TABLE IF EXISTS reviews;
CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES
  (1, 'I love this blender, it is fantastic and quiet.'),
  (2, 'Terrible support, the replacement part never arrived.'),
  (3, 'The box was delivered on Tuesday.');

SELECT id, sentiment, embedding
FROM reviews,
     LATERAL TABLE(ML_PREDICT('review_sentiment', review)),
     LATERAL TABLE(AI_EMBEDDING('review_embedding', review));
