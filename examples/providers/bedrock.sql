-- AWS Bedrock: Claude for sentiment, Titan for embeddings. The endpoint names the model, so each
-- model needs its own connection; the body format follows from the model id.
--
-- Placeholders:
--   us-east-1                      your region (in the host)
--   ${env:AWS_ACCESS_KEY_ID}       an access key id, and
--   ${env:AWS_SECRET_ACCESS_KEY}   its secret key, read from the environment when a query runs:
--                                  export AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=...
--                                  (temporary credentials: add 'aws-session-token' = '${env:AWS_SESSION_TOKEN}')
--   model ids                      any model your account has access to
--
-- Run: lateral run examples/providers/bedrock.sql
CREATE CONNECTION IF NOT EXISTS bedrock_claude WITH (
  'type' = 'bedrock',
  'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke',
  'aws-access-key' = '${env:AWS_ACCESS_KEY_ID}',
  'aws-secret-key' = '${env:AWS_SECRET_ACCESS_KEY}');

CREATE CONNECTION IF NOT EXISTS bedrock_titan_embed WITH (
  'type' = 'bedrock',
  'endpoint' = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke',
  'aws-access-key' = '${env:AWS_ACCESS_KEY_ID}',
  'aws-secret-key' = '${env:AWS_SECRET_ACCESS_KEY}');

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'bedrock',
    'task' = 'classification',
    'bedrock.connection' = 'bedrock_claude',
    'bedrock.system_prompt' = 'Answer POSITIVE, NEGATIVE or NEUTRAL.',
    'bedrock.params.max_tokens' = '20');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH ('provider' = 'bedrock', 'task' = 'embedding', 'bedrock.connection' = 'bedrock_titan_embed');

DROP TABLE IF EXISTS reviews;
CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES
  (1, 'I love this blender, it is fantastic and quiet.'),
  (2, 'Terrible support, the replacement part never arrived.'),
  (3, 'The box was delivered on Tuesday.');

SELECT id, sentiment, CARDINALITY(embedding) AS dimensions
FROM reviews,
     LATERAL TABLE(ML_PREDICT('review_sentiment', review)),
     LATERAL TABLE(AI_EMBEDDING('review_embedding', review));
