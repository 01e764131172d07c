// @ts-check
/**
 * The SQL script Lateral runs for a scenario: an OpenAI connection to the fake (the key read from
 * the environment), a model, a filesystem source table over the input NDJSON, a filesystem sink,
 * and one INSERT ... SELECT ... LATERAL TABLE(ML_PREDICT(...)) from file to file.
 */

/** @param {string} value */
const quote = (value) => `'${value.replace(/'/g, "''")}'`;

/**
 * @param {{ kind: 'chat' | 'embeddings', fakeUrl: string, input: string, output: string, parallelism: number,
 *   requestsPerMinute?: number, extraConfig?: Record<string, string | number> }} spec
 */
export function lateralScript(spec) {
  const chat = spec.kind === 'chat';
  const connection = [
    `'type' = 'openai'`,
    `'endpoint' = ${quote(`${spec.fakeUrl}/v1/${chat ? 'chat/completions' : 'embeddings'}`)}`,
    `'api-key' = '\${env:BENCH_API_KEY}'`,
    ...(spec.requestsPerMinute ? [`'requests-per-minute' = ${quote(String(Math.round(spec.requestsPerMinute)))}`] : []),
  ];
  const output = chat ? 'label STRING' : 'embedding ARRAY<FLOAT>';
  const model = chat
    ? `'provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'bench_conn',
    'openai.model_version' = 'gpt-4o-mini', 'openai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.'`
    : `'provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'bench_conn',
    'openai.model_version' = 'text-embedding-3-small'`;
  const config = { max_parallelism: spec.parallelism, ...spec.extraConfig };
  const map = Object.entries(config)
    .map(([key, value]) => `${quote(key)}, ${typeof value === 'number' ? value : quote(value)}`)
    .join(', ');
  return `CREATE CONNECTION bench_conn WITH (
  ${connection.join(',\n  ')});

CREATE MODEL bench_model
  INPUT (text STRING)
  OUTPUT (${output})
  WITH (
    ${model});

CREATE TABLE bench_in (id BIGINT, text STRING) WITH (
  'connector' = 'filesystem', 'path' = ${quote(spec.input)}, 'format' = 'json');

CREATE TABLE bench_out (id BIGINT, ${chat ? 'label STRING' : 'embedding ARRAY<FLOAT>'}) WITH (
  'connector' = 'filesystem', 'path' = ${quote(spec.output)}, 'format' = 'json');

INSERT INTO bench_out
SELECT id, ${chat ? 'label' : 'embedding'}
FROM bench_in, LATERAL TABLE(ML_PREDICT('bench_model', text, MAP[${map}]));
`;
}
