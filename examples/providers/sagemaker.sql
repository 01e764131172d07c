-- AWS SageMaker: a tabular model behind an endpoint (CSV in, one prediction line per row out).
--
-- Placeholders:
--   us-west-2                      your region (in the host)
--   xgboost-churn                  your endpoint's name
--   ${env:AWS_ACCESS_KEY_ID}       an access key id, and
--   ${env:AWS_SECRET_ACCESS_KEY}   its secret key: export AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=...
--
-- Run: lateral run examples/providers/sagemaker.sql
CREATE CONNECTION IF NOT EXISTS sagemaker_xgb WITH (
  'type' = 'sagemaker',
  'endpoint' = 'https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/xgboost-churn/invocations',
  'aws-access-key' = '${env:AWS_ACCESS_KEY_ID}',
  'aws-secret-key' = '${env:AWS_SECRET_ACCESS_KEY}');

-- CSV is the default format: the columns in INPUT order, one line per row, one row per request
-- (MAP['max_batch_size', n] sends up to n lines to a container that answers one line per line).
CREATE MODEL IF NOT EXISTS churn
  INPUT (tenure DOUBLE, monthly_charges DOUBLE, support_calls INT)
  OUTPUT (churn_probability DOUBLE)
  WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sagemaker_xgb');

DROP TABLE IF EXISTS customers;
CREATE TABLE customers (customer_id INT, tenure DOUBLE, monthly_charges DOUBLE, support_calls INT);
INSERT INTO customers VALUES
  (101, 1.5, 2.25, 3),
  (102, 0.5, 10.0, 0),
  (103, 12.0, -1.5, 1);

SELECT customer_id, churn_probability
FROM customers, LATERAL TABLE(ML_PREDICT('churn', tenure, monthly_charges, support_calls));
