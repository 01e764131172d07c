-- Azure OpenAI: a chat deployment through AI_COMPLETE and an embeddings deployment through AI_EMBEDDING.
--
-- Placeholders:
--   <your-resource>               your Azure OpenAI resource name (https://<your-resource>.openai.azure.com)
--   gpt-4o-mini, text-embedding-3-small
--                                 the deployment names in the URLs: use your own deployments' names
--   api-version=2024-10-21        any API version your resource serves (Azure answers 404 without one)
--   ${env:AZURE_OPENAI_API_KEY}   the resource key (sent as the `api-key` header):
--                                 export AZURE_OPENAI_API_KEY=...
--
-- Run: lateral run examples/providers/azureopenai.sql
CREATE CONNECTION IF NOT EXISTS azure_openai_chat WITH (
  'type' = 'azureopenai',
  'endpoint' = 'https://<your-resource>.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
  'api-key' = '${env:AZURE_OPENAI_API_KEY}');

CREATE CONNECTION IF NOT EXISTS azure_openai_embeddings WITH (
  'type' = 'azureopenai',
  'endpoint' = 'https://<your-resource>.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21',
  'api-key' = '${env:AZURE_OPENAI_API_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (prompt STRING)
  OUTPUT (response STRING)
  WITH (
    'provider' = 'azureopenai',
    'task' = 'text_generation',
    'azureopenai.connection' = 'azure_openai_chat',
    'azureopenai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
    'azureopenai.PARAMS.max_completion_tokens' = '16');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH (
    'provider' = 'azureopenai',
    'task' = 'embedding',
    'azureopenai.connection' = 'azure_openai_embeddings');

DROP TABLE IF EXISTS reviews;
CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES
  (1, 'I love this blender, it is fantastic and quiet.'),
  (2, 'Terrible support, the replacement part never arrived.'),
  (3, 'The box was delivered on Tuesday.');

SELECT id, response, embedding
FROM reviews,
     LATERAL TABLE(AI_COMPLETE('review_sentiment', review)),
     LATERAL TABLE(AI_EMBEDDING('review_embedding', review));
