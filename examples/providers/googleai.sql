-- Google AI (Gemini API): generation with ML_PREDICT, vectors with AI_EMBEDDING.
--
-- Placeholders:
--   ${env:GEMINI_API_KEY}   your Google AI Studio key (sent as `x-goog-api-key`, never in the URL):
--                           export GEMINI_API_KEY=...
--   gemini-2.5-flash, gemini-embedding-001
--                           the models, named in the endpoint paths
--
-- Run: lateral run examples/providers/googleai.sql
-- The endpoint names the model and the verb, so embeddings need their own connection.
CREATE CONNECTION IF NOT EXISTS gemini_generate WITH (
  'type' = 'googleai',
  'endpoint' = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
  'api-key' = '${env:GEMINI_API_KEY}');

CREATE CONNECTION IF NOT EXISTS gemini_embeddings WITH (
  'type' = 'googleai',
  'endpoint' = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:embedContent',
  'api-key' = '${env:GEMINI_API_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'googleai',
    'task' = 'classification',
    'googleai.connection' = 'gemini_generate',
    'googleai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
    'googleai.params.temperature' = '0');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH (
    'provider' = 'googleai',
    'task' = 'embedding',
    'googleai.connection' = 'gemini_embeddings',
    'googleai.params.output_dimensionality' = '16');

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
