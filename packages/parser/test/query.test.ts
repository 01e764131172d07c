import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('SELECT and VALUES round trip', () => {
  it.each([
    ["SELECT 1 id, 'x' text", "SELECT 1 AS id, 'x' AS text"],
    ['select * from docs', 'SELECT * FROM docs'],
    ['SELECT DISTINCT d.* FROM cat.db.docs AS d', 'SELECT DISTINCT d.* FROM cat.db.docs AS d'],
    ['SELECT a AS `select`, b `my alias` FROM t x', 'SELECT a AS `select`, b AS `my alias` FROM t AS x'],
    ["SELECT id FROM t WHERE label = 'spam' AND score >= 0.5 ORDER BY score DESC, id ASC LIMIT 10", "SELECT id FROM t WHERE label = 'spam' AND score >= 0.5 ORDER BY score DESC, id LIMIT 10"],
    ["SELECT text FROM t WHERE text LIKE 'a%' OR text NOT LIKE '%b' OR x != 1 OR y <> 2", "SELECT text FROM t WHERE text LIKE 'a%' OR text NOT LIKE '%b' OR x <> 1 OR y <> 2"],
    ['SELECT * FROM t WHERE a IS NULL AND b IS NOT NULL', 'SELECT * FROM t WHERE a IS NULL AND b IS NOT NULL'],
    ["VALUES (1, 'a'), (2, 'b')", "VALUES (1, 'a'), (2, 'b')"],
    ["SELECT * FROM `my-table`", 'SELECT * FROM `my-table`'],
  ])('%s', expectRoundTrip);
});

describe('expressions round trip', () => {
  it.each([
    ['SELECT a + b * c', 'SELECT a + b * c'],
    ['SELECT (a + b) * c', 'SELECT (a + b) * c'],
    ['SELECT (a - b) - c, a - (b - c)', 'SELECT a - b - c, a - (b - c)'],
    ['SELECT a / b % c, a * (b / c)', 'SELECT a / b % c, a * (b / c)'],
    ["SELECT 'a' || b || 'c'", "SELECT 'a' || b || 'c'"],
    ['SELECT ((a))', 'SELECT a'],
    ['SELECT a OR b AND c, (a OR b) AND c', 'SELECT a OR b AND c, (a OR b) AND c'],
    ['SELECT NOT a = b, (NOT a) = b, NOT (a AND b), NOT NOT a', 'SELECT NOT a = b, (NOT a) = b, NOT (a AND b), NOT NOT a'],
    ['SELECT -a, - -1, -(a + b), a - -1', 'SELECT -a, - -1, -(a + b), a - -1'],
    ['SELECT -(-1), - - -a', 'SELECT - -1, - - -a'],
    ['SELECT (a = b) = c', 'SELECT (a = b) = c'],
    ['SELECT (a + b) IS NULL, (a = b) IS NOT NULL', 'SELECT a + b IS NULL, (a = b) IS NOT NULL'],
    ['SELECT 1.50, .5, 1e3, 0', 'SELECT 1.50, .5, 1e3, 0'],
    ['SELECT TRUE, false, null', 'SELECT TRUE, FALSE, NULL'],
    ["SELECT CAST(x AS VARCHAR(10)), try_cast('1' as int)", "SELECT CAST(x AS VARCHAR(10)), TRY_CAST('1' AS INT)"],
    ["SELECT concat(a, ' ', b), upper(trim(t.x)), char_length(s), coalesce(a, b, 'c'), substring(s, 1, 3), now()", "SELECT CONCAT(a, ' ', b), UPPER(TRIM(t.x)), CHAR_LENGTH(s), COALESCE(a, b, 'c'), SUBSTRING(s, 1, 3), NOW()"],
    ["SELECT CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END", "SELECT CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END"],
    ["SELECT case label when 'spam' then 1 end AS is_spam", "SELECT CASE label WHEN 'spam' THEN 1 END AS is_spam"],
    ["SELECT MAP['k', 1, 'j', a + 1], MAP[], ARRAY[1, 2], array[]", "SELECT MAP['k', 1, 'j', a + 1], MAP[], ARRAY[1, 2], ARRAY[]"],
    ['SELECT `t`.`my col`, t.`value` FROM t', 'SELECT t.`my col`, t.value FROM t'],
  ])('%s', expectRoundTrip);
});

describe('model functions and LATERAL TABLE round trip', () => {
  it.each([
    [
      "SELECT id, text, embedding FROM text_stream, LATERAL TABLE(ML_PREDICT('embeddingmodel', text))",
      "SELECT id, text, embedding FROM text_stream, LATERAL TABLE(ML_PREDICT('embeddingmodel', text))",
    ],
    [
      "select * from t, lateral table(ml_predict('my-model$2', col1, col2)) as r(a, b)",
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('my-model$2', col1, col2)) AS r(a, b)",
    ],
    [
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('`managed_model_llm`', prompt))",
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('managed_model_llm', prompt))",
    ],
    [
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('`env`.`db`.`my model`', col))",
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('env.db.`my model`', col))",
    ],
    [
      'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(sentiment_analysis, t.text))',
      'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(sentiment_analysis, t.text))',
    ],
    [
      'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(db.m$3, t.text))',
      'SELECT * FROM t, LATERAL TABLE(ML_PREDICT(db.m$3, t.text))',
    ],
    [
      'SELECT ML_EVALUATE(`my_remote_model$2`, label, f1, f2) FROM eval_table',
      'SELECT ML_EVALUATE(`my_remote_model$2`, label, f1, f2) FROM eval_table',
    ],
    [
      'SELECT ML_EVALUATE(`db`.`my_model$all`, label, f1) FROM eval_table',
      'SELECT ML_EVALUATE(db.`my_model$all`, label, f1) FROM eval_table',
    ],
    [
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('m', CONCAT('Summarize: ', t.body), map['async_enabled', true, 'client_timeout', 60]))",
      "SELECT * FROM t, LATERAL TABLE(ML_PREDICT('m', CONCAT('Summarize: ', t.body), MAP['async_enabled', TRUE, 'client_timeout', 60]))",
    ],
    [
      "SELECT d.id FROM docs d CROSS JOIN LATERAL TABLE(AI_COMPLETE('c', d.body)) c LEFT JOIN LATERAL TABLE(AI_EMBEDDING('e', c.out)) e(v) ON TRUE",
      "SELECT d.id FROM docs AS d CROSS JOIN LATERAL TABLE(AI_COMPLETE('c', d.body)) AS c LEFT JOIN LATERAL TABLE(AI_EMBEDDING('e', c.out)) AS e(v) ON TRUE",
    ],
    [
      'SELECT * FROM a CROSS JOIN b, c x',
      'SELECT * FROM a CROSS JOIN b, c AS x',
    ],
    [
      "SELECT id, AI_TOOL_INVOKE('tool_invoker', prompt, MAP['udf_1','desc'], MAP[]) AS r FROM t",
      "SELECT id, AI_TOOL_INVOKE('tool_invoker', prompt, MAP['udf_1', 'desc'], MAP[]) AS r FROM t",
    ],
    [
      "SELECT * FROM LATERAL TABLE(ML_PREDICT('m$all', 'x')) AS p",
      "SELECT * FROM LATERAL TABLE(ML_PREDICT('m$all', 'x')) AS p",
    ],
    [
      'SELECT * FROM t, LATERAL TABLE(SPLIT(t.s)) AS w(word)',
      'SELECT * FROM t, LATERAL TABLE(SPLIT(t.s)) AS w(word)',
    ],
  ])('%s', expectRoundTrip);
});
