-- Lateral quickstart: built-in models only. No network, no API key.
--   sentiment-en : English sentiment (wink-nlp lexicon model) answering with the labels you ask for
--   glove-100d   : 100-dimensional sentence vectors (mean of GloVe word vectors)

CREATE MODEL IF NOT EXISTS review_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  COMMENT 'built-in English sentiment'
  WITH (
    'provider' = 'local',
    'task' = 'classification',
    'local.model' = 'sentiment-en',
    'local.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

-- The same SQL you would write for a Confluent managed model runs here too.
CREATE MODEL IF NOT EXISTS review_embedding
  INPUT (text STRING)
  OUTPUT (embedding ARRAY<FLOAT>)
  WITH (
    'provider' = 'confluent',
    'task' = 'embedding',
    'confluent.model' = 'glove-100d');

DROP TABLE IF EXISTS reviews;
CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES
  (1, 'I love this blender, it is fantastic and quiet.'),
  (2, 'Terrible support, the replacement part never arrived.'),
  (3, 'The box was delivered on Tuesday.'),
  (4, 'Great value for the money, works perfectly.'),
  (5, 'The lid broke after a week. Very disappointed.');

-- 1. Classification: one label per row.
SELECT id, review, sentiment
FROM reviews, LATERAL TABLE(ML_PREDICT('review_sentiment', review));

-- 2. Both models in one pass, kept in a table.
DROP TABLE IF EXISTS review_insights;
CREATE TABLE review_insights (id INT, review STRING, sentiment STRING, embedding ARRAY<FLOAT>);
INSERT INTO review_insights
SELECT r.id, r.review, s.sentiment, e.embedding
FROM reviews r,
     LATERAL TABLE(ML_PREDICT('review_sentiment', r.review)) s,
     LATERAL TABLE(AI_EMBEDDING('review_embedding', r.review)) e;

-- 3. Use the results: the unhappy customers, with their vectors.
SELECT id, sentiment, CARDINALITY(embedding) AS dimensions, embedding
FROM review_insights
WHERE sentiment = 'NEGATIVE';
