import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('CREATE MODEL round trip', () => {
  it.each([
    [
      "CREATE MODEL sentimentmodel\n  INPUT (text STRING)\n  OUTPUT (sentiment STRING)\n  COMMENT 'sentiment analysis model'\n  WITH ('provider' = 'openai', 'task' = 'classification')",
      "CREATE MODEL sentimentmodel INPUT (text STRING) OUTPUT (sentiment STRING) COMMENT 'sentiment analysis model' WITH ('provider' = 'openai', 'task' = 'classification')",
    ],
    [
      "create model emb input (text string) output (embedding array<float>) with ('task'='embedding')",
      "CREATE MODEL emb INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>) WITH ('task' = 'embedding')",
    ],
    [
      "CREATE OR REPLACE MODEL IF NOT EXISTS `env`.`cluster`.`remote_mcp_model` INPUT (prompt STRING COMMENT 'the question') OUTPUT (response STRING) WITH ('provider' = 'bedrock')",
      "CREATE OR REPLACE MODEL IF NOT EXISTS env.cluster.remote_mcp_model INPUT (prompt STRING COMMENT 'the question') OUTPUT (response STRING) WITH ('provider' = 'bedrock')",
    ],
    [
      "CREATE MODEL clusteringmodel INPUT (vectors ARRAY<FLOAT>, other_feature INT, other_feature2 STRING) OUTPUT (cluster_num INT) WITH ('task' = 'clustering')",
      "CREATE MODEL clusteringmodel INPUT (vectors ARRAY<FLOAT>, other_feature INT, other_feature2 STRING) OUTPUT (cluster_num INT) WITH ('task' = 'clustering')",
    ],
    [
      "CREATE MODEL `my-model` OUTPUT (score DOUBLE NOT NULL) WITH ('provider' = 'azureml')",
      "CREATE MODEL `my-model` OUTPUT (score DOUBLE NOT NULL) WITH ('provider' = 'azureml')",
    ],
    [
      "CREATE MODEL m WITH ('provider' = 'confluent', 'confluent.model' = 'meta-llama/Llama-3.1-8B-Instruct')",
      "CREATE MODEL m WITH ('provider' = 'confluent', 'confluent.model' = 'meta-llama/Llama-3.1-8B-Instruct')",
    ],
    [
      'CREATE MODEL `model` INPUT (`input` STRING, `comment` STRING) WITH (\'provider\' = \'openai\')',
      "CREATE MODEL `model` INPUT (input STRING, comment STRING) WITH ('provider' = 'openai')",
    ],
  ])('%s', expectRoundTrip);
});

describe('ALTER MODEL round trip', () => {
  it.each([
    ["ALTER MODEL summarizer SET ('default_version'='2')", "ALTER MODEL summarizer SET ('default_version' = '2')"],
    ["ALTER MODEL `my-model$2` SET ('openai.system_prompt' = 'Be brief.')", "ALTER MODEL `my-model$2` SET ('openai.system_prompt' = 'Be brief.')"],
    ['alter model if exists db.m$1 reset (\'k1\', \'k2\')', "ALTER MODEL IF EXISTS db.`m$1` RESET ('k1', 'k2')"],
    ['ALTER MODEL m SET (tag = \'prod\', description = "new_description")', "ALTER MODEL m SET ('tag' = 'prod', 'description' = 'new_description')"],
    ['ALTER MODEL m RESET (tag, openai.PARAMS.max_tokens)', "ALTER MODEL m RESET ('tag', 'openai.PARAMS.max_tokens')"],
    ['ALTER MODEL cat.db.m RENAME TO cat.db.m2', 'ALTER MODEL cat.db.m RENAME TO cat.db.m2'],
    ['ALTER MODEL `m$all` SET (\'k\' = "it""s")', "ALTER MODEL `m$all` SET ('k' = 'it\"s')"],
  ])('%s', expectRoundTrip);
});
