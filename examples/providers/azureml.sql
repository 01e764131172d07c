-- Azure Machine Learning: an online endpoint scoring a tabular model (pandas "split" frames,
-- rows batched) and an Azure AI Studio serverless chat model (OpenAI-compatible).
--
-- Placeholders:
--   <your-endpoint>.<region>       your online endpoint (https://<your-endpoint>.<region>.inference.ml.azure.com/score)
--   blue                           the deployment to call (leave the option out to follow the traffic split)
--   <your-llm>.<region>            your serverless API (https://<your-llm>.<region>.inference.ai.azure.com)
--   ${env:AZUREML_ENDPOINT_KEY}    the endpoint key; ${env:AZURE_AI_KEY} the serverless API key:
--                                  export AZUREML_ENDPOINT_KEY=... AZURE_AI_KEY=...
--
-- Run: lateral run examples/providers/azureml.sql
CREATE CONNECTION IF NOT EXISTS azureml_credit WITH (
  'type' = 'azureml',
  'endpoint' = 'https://<your-endpoint>.<region>.inference.ml.azure.com/score',
  'api-key' = '${env:AZUREML_ENDPOINT_KEY}');

CREATE CONNECTION IF NOT EXISTS azure_ai_llm WITH (
  'type' = 'azureml',
  'endpoint' = 'https://<your-llm>.<region>.inference.ai.azure.com/v1/chat/completions',
  'api-key' = '${env:AZURE_AI_KEY}');

CREATE MODEL IF NOT EXISTS credit_risk
  INPUT (age INT, income DOUBLE)
  OUTPUT (risk DOUBLE)
  WITH (
    'provider' = 'azureml',
    'task' = 'regression',
    'azureml.connection' = 'azureml_credit',
    'azureml.deployment_name' = 'blue');

CREATE MODEL IF NOT EXISTS note_sentiment
  INPUT (prompt STRING)
  OUTPUT (response STRING)
  WITH (
    'provider' = 'azureml',
    'task' = 'text_generation',
    'azureml.connection' = 'azure_ai_llm',
    'azureml.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');

DROP TABLE IF EXISTS applicants;
CREATE TABLE applicants (applicant_id INT, age INT, income DOUBLE, note STRING);
INSERT INTO applicants VALUES
  (1, 30, 1000.5, 'Great customer, always pays early.'),
  (2, 41, 20.25, 'Terrible history of missed payments.'),
  (3, 25, 0.0, 'New in town.');

SELECT a.applicant_id, r.risk, s.response
FROM applicants a,
     LATERAL TABLE(ML_PREDICT('credit_risk', a.age, a.income)) r,
     LATERAL TABLE(AI_COMPLETE('note_sentiment', a.note)) s;
