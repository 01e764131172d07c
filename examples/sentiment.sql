-- The seed's sentiment example, against OpenAI (or any OpenAI-compatible endpoint: change 'endpoint').
-- The key is read from the environment when the query runs, so it is never stored:
--   export OPENAI_API_KEY=sk-...
CREATE CONNECTION IF NOT EXISTS openai_connection WITH (
  'type' = 'openai',
  'endpoint' = 'https://api.openai.com/v1/chat/completions',
  'api-key' = '${env:OPENAI_API_KEY}');

CREATE MODEL IF NOT EXISTS sentimentmodel
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  COMMENT 'sentiment analysis model'
  WITH (
    'provider' = 'openai',
    'task' = 'classification',
    'openai.connection' = 'openai_connection',
    'openai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

DROP TABLE IF EXISTS text_stream;
CREATE TABLE text_stream (id BIGINT, text STRING);
INSERT INTO text_stream VALUES
  (1, 'I love how fast this arrived, great service!'),
  (2, 'The screen cracked on day one. Terrible.'),
  (3, 'The parcel was left at the front desk.');

SELECT id, text, sentiment FROM text_stream, LATERAL TABLE(ML_PREDICT('sentimentmodel', text));
