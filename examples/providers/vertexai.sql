-- Vertex AI: a custom model endpoint (TF-Serving `:predict`) and Gemini as a publisher model.
--
-- Placeholders:
--   <your-project>            your Google Cloud project id
--   us-central1               the region (in the host and the path)
--   1234567890                your custom endpoint's id
--   ${env:VERTEX_SERVICE_KEY} the content of a service-account JSON key file (never stored):
--                             export VERTEX_SERVICE_KEY="$(cat key.json)"
--
-- Run: lateral run examples/providers/vertexai.sql
CREATE CONNECTION IF NOT EXISTS vertex_churn_endpoint WITH (
  'type' = 'vertexai',
  'endpoint' = 'https://us-central1-aiplatform.googleapis.com/v1/projects/<your-project>/locations/us-central1/endpoints/1234567890',
  'service-key' = '${env:VERTEX_SERVICE_KEY}');

CREATE CONNECTION IF NOT EXISTS vertex_gemini WITH (
  'type' = 'vertexai',
  'endpoint' = 'https://us-central1-aiplatform.googleapis.com/v1/projects/<your-project>/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
  'service-key' = '${env:VERTEX_SERVICE_KEY}');

-- A predictive model: several input columns, one instance per row ({"instances": [{...}]}).
CREATE MODEL IF NOT EXISTS churn
  INPUT (tenure INT, monthly_charges DOUBLE)
  OUTPUT (score DOUBLE)
  WITH ('provider' = 'vertexai', 'task' = 'regression', 'vertexai.connection' = 'vertex_churn_endpoint');

CREATE MODEL IF NOT EXISTS feedback_sentiment
  INPUT (text STRING)
  OUTPUT (sentiment STRING)
  WITH (
    'provider' = 'vertexai',
    'task' = 'classification',
    'vertexai.connection' = 'vertex_gemini',
    'vertexai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

DROP TABLE IF EXISTS customers;
CREATE TABLE customers (id INT, tenure INT, monthly_charges DOUBLE, feedback STRING);
INSERT INTO customers VALUES
  (1, 24, 70.5, 'I love the new plan, great value.'),
  (2, 2, 99.25, 'Terrible coverage at home.'),
  (3, 60, 20.0, 'I moved in March.');

SELECT c.id, p.score, s.sentiment
FROM customers c,
     LATERAL TABLE(ML_PREDICT('churn', c.tenure, c.monthly_charges)) p,
     LATERAL TABLE(ML_PREDICT('feedback_sentiment', c.feedback)) s;
