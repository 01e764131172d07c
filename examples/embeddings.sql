-- Embeddings with OpenAI: one connection per endpoint (the endpoint decides chat vs embeddings).
CREATE CONNECTION IF NOT EXISTS `openai-emb` WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/embeddings',
  'api-key' = '${env:OPENAI_API_KEY}');

CREATE MODEL IF NOT EXISTS embeddingmodel
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'openai-emb');

DROP TABLE IF EXISTS docs;
CREATE TABLE docs (id INT, body STRING);
INSERT INTO docs VALUES (1, 'Kafka keeps an ordered log.'), (2, 'Flink processes streams.');

SELECT id, embedding
FROM docs, LATERAL TABLE(AI_EMBEDDING('embeddingmodel', body, MAP['max_parallelism', 4]));
