-- OpenAI (or any OpenAI-compatible server): sentiment with ML_PREDICT, vectors with AI_EMBEDDING.
--
-- Placeholders:
--   ${env:OPENAI_API_KEY}   your API key, read from the environment when a query runs, never stored:
--                           export OPENAI_API_KEY=sk-...
--   https://api.openai.com  the server; vLLM, Ollama or LiteLLM work too
--                           (e.g. http://localhost:11434/v1/chat/completions)
--
-- Run: lateral run examples/providers/openai.sql
-- One connection per endpoint: the endpoint decides chat completions or embeddings.
CREATE CONNECTION IF NOT EXISTS openai_chat WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/chat/completions',
  'api-key' = '${env:OPENAI_API_KEY}');

CREATE CONNECTION IF NOT EXISTS openai_embeddings WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/embeddings',
  'api-key' = '${env:OPENAI_API_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'openai',
    'task' = 'classification',
    'openai.connection' = 'openai_chat',
    'openai.model_version' = 'gpt-4o-mini',
    'openai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH (
    'provider' = 'openai',
    'task' = 'embedding',
    'openai.connection' = 'openai_embeddings',
    'openai.model_version' = 'text-embedding-3-small');

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
