// Every SQL example of the dialect reference (confluent-dialect.md §5.7, §11 and §14, plus the
// statement examples of §2, §4, §8 and §12) parses, and its canonical print parses back to the
// same AST.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseStatement, printStatement } from '../src/index.js';
import { withoutPositions } from './support/round-trip.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function expectReprintable(sql: string): void {
  for (const statement of parse(sql).statements) {
    const reparsed = parseStatement(printStatement(statement));
    expect(withoutPositions(reparsed)).toEqual(withoutPositions(statement));
  }
}

describe('§5.7 CREATE MODEL examples', () => {
  const sql = fixture('dialect-5.7-create-model-examples.sql');

  it('parses the whole block as a script', () => {
    const statements = parse(sql, { source: 'dialect-5.7.sql' }).statements;
    expect(statements.map((statement) => [statement.type, 'name' in statement && statement.name.parts.join('.')])).toEqual([
      ['create_connection', 'openai_connection'],
      ['create_model', 'sentimentmodel'],
      ['create_model', 'embeddingmodel'],
      ['create_model', 'clusteringmodel'],
      ['create_model', 'env.cluster.remote_mcp_model'],
      ['create_model', 'llm_textgen_model'],
    ]);
    expect(statements[4]).toMatchObject({
      ifNotExists: true,
      input: [{ name: 'prompt', dataType: { kind: 'STRING' } }],
      options: [
        { key: 'provider', value: 'bedrock' },
        { key: 'task', value: 'text_generation' },
        { key: 'bedrock.connection', value: 'llm-connection' },
        { key: 'bedrock.params.max_tokens', value: '50000' },
        { key: 'mcp.connection', value: 'remote-mcp-connection' },
      ],
    });
  });

  it('reprints every statement', () => expectReprintable(sql));
});

describe('§14 end-to-end example', () => {
  const sql = fixture('dialect-14-end-to-end.sql');

  it('parses the whole block as a script', () => {
    const statements = parse(sql).statements;
    expect(statements.map((statement) => statement.type)).toEqual([
      'create_connection',
      'create_connection',
      'create_model',
      'create_model',
      'create_model',
      'alter_model',
      'query',
      'describe',
      'drop',
      'show',
    ]);
    expect(statements.slice(7).map(printStatement)).toEqual([
      'DESCRIBE MODEL `summarizer$all`',
      'DROP MODEL `summarizer$1`',
      "SHOW MODELS LIKE 'sum%'",
    ]);
  });

  it('parses the chained ML_PREDICT / AI_EMBEDDING query', () => {
    const query = parse(sql).statements[6]!;
    expect(printStatement(query)).toBe(
      "SELECT d.id, s.summary, e.embedding FROM docs AS d, LATERAL TABLE(ML_PREDICT('summarizer', d.body, MAP['client_timeout', 60, 'retry_count', 5])) AS s, LATERAL TABLE(AI_EMBEDDING('emb', s.summary)) AS e",
    );
  });

  it('reprints every statement', () => expectReprintable(sql));
});

describe('§11 function examples and §2/§4/§8/§12 statement examples', () => {
  it.each([
    // §11.1 ML_PREDICT
    'SELECT id, text, embedding FROM text_stream, LATERAL TABLE(ML_PREDICT(\'embeddingmodel\', text))',
    "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('model', col1, col2, map['async_enabled', true, 'client_timeout', 60]))",
    "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('model', col1, MAP['debug', 'true'])) AS alias(out1, out2)",
    "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('my-model$2', col1, col2))",
    'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(`model_name$3`, column1))',
    // §11.2 AI_COMPLETE
    "SELECT id, output_json FROM claims, LATERAL TABLE(AI_COMPLETE('description_extractor', description));",
    "SELECT id, output_json FROM claims, LATERAL TABLE(AI_COMPLETE('description_extractor', description, MAP['debug', true]))",
    // §11.3 AI_EMBEDDING
    "SELECT id, embeddings FROM claims, LATERAL TABLE(AI_EMBEDDING('description_embedding', description));",
    // §11.4 AI_TOOL_INVOKE
    "SELECT id, AI_TOOL_INVOKE('tool_invoker', prompt, MAP['udf_1','desc'], MAP['tool_1','desc']) AS r FROM t;",
    "SELECT id, AI_TOOL_INVOKE('tool_invoker', prompt, MAP[], MAP[], MAP['debug', true, 'on_error', 'continue']) AS r FROM t",
    // §11.5 ML_EVALUATE and §2 field usage
    'SELECT ML_EVALUATE(`my_remote_model$2`, label, f1, f2) FROM eval_table',
    'SELECT ML_EVALUATE(`my_model$all`, label, f1, f2) FROM eval_table',
    'SELECT ML_EVALUATE(`sentiment_analysis`, label, res) FROM eval_table',
    "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('`managed_model_llm`', prompt))",
    "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('`env`.`db`.`model`', col))",
    'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(sentiment_analysis, t.text))',
    // §4 connections
    "ALTER CONNECTION `conn-one` SET ('api-key' = '<new-api-key>');",
    'DROP CONNECTION IF EXISTS cat.db.`conn-one`',
    "SHOW CONNECTIONS LIKE 'open%'",
    'DESCRIBE CONNECTION `conn-one`',
    'DESC CONNECTION db.conn',
    // §8 model statements
    'ALTER MODEL IF EXISTS cat.db.m RENAME TO cat.db.n',
    "ALTER MODEL `my-model$2` SET ('k1'='v1', 'k2'='v2')",
    "ALTER MODEL m RESET ('k1')",
    'ALTER MODEL m SET (tag = \'prod\', description = "new_description")',
    'ALTER MODEL m RESET (tag)',
    "ALTER MODEL m SET ('default_version' = '2')",
    'DROP MODEL IF EXISTS cat.db.`m$all`',
    "SHOW MODELS IN cat.db NOT LIKE 'x%'",
    'SHOW CREATE MODEL `my-model`',
    'DESCRIBE MODEL cat.db.`m$2`',
    // §12.4 settings
    "SET 'sql.state-ttl' = '14 d'",
    "SET 'sql.current-catalog' = 'env'",
  ])('%s', (sql) => {
    expect(parse(sql).statements).toHaveLength(1);
    expectReprintable(sql);
  });
});
