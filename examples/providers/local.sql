-- Built-in local models: no network, no API key, no connection. The `confluent` provider name
-- runs SQL written for Confluent's managed models unchanged, from the same local runtime.
--
-- Placeholders: none. `sentiment-en` and `glove-100d` ship with Lateral; other names are looked up
-- in the models directory (--models-dir, $LATERAL_MODELS, default <data dir>/models).
-- The first glove-100d use builds a cache in <data dir>/model-cache (a few seconds, once).
--
-- Run: lateral run examples/providers/local.sql
CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'local',
    'task' = 'classification',
    'local.model' = 'sentiment-en',
    'local.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH ('provider' = 'confluent', 'task' = 'embedding', 'confluent.model' = 'glove-100d');

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
