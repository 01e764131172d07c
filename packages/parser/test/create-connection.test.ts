import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('CREATE CONNECTION / ALTER CONNECTION round trip', () => {
  it.each([
    [
      "CREATE CONNECTION openai_connection WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = '<key>')",
      "CREATE CONNECTION openai_connection WITH ('type' = 'openai', 'endpoint' = 'https://api.openai.com/v1/chat/completions', 'api-key' = '<key>')",
    ],
    [
      "create connection c with ('type'='openai','endpoint'='https://x')",
      "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x')",
    ],
    [
      "CREATE OR REPLACE CONNECTION IF NOT EXISTS cat.db.c COMMENT 'chat endpoint' WITH ('type' = 'openai')",
      "CREATE OR REPLACE CONNECTION IF NOT EXISTS cat.db.c COMMENT 'chat endpoint' WITH ('type' = 'openai')",
    ],
    [
      "CREATE CONNECTION IF NOT EXISTS `env`.`cluster`.`remote-mcp-connection` WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'transport-type' = 'STREAMABLE_HTTP')",
      "CREATE CONNECTION IF NOT EXISTS env.cluster.`remote-mcp-connection` WITH ('type' = 'mcp_server', 'endpoint' = 'https://mcp.example.com', 'transport-type' = 'STREAMABLE_HTTP')",
    ],
    [
      "CREATE CONNECTION `select` WITH ('api-key' = 'it''s secret')",
      "CREATE CONNECTION `select` WITH ('api-key' = 'it''s secret')",
    ],
    [
      "CREATE CONNECTION -- the chat endpoint\n  chat /* one per endpoint */\n  WITH (\n    'type' = 'openai'\n  )",
      "CREATE CONNECTION chat WITH ('type' = 'openai')",
    ],
    [
      "ALTER CONNECTION `conn-one` SET ('api-key' = '<new-api-key>')",
      "ALTER CONNECTION `conn-one` SET ('api-key' = '<new-api-key>')",
    ],
    [
      "alter connection if exists db.conn set ('username' = 'u', 'password' = 'p')",
      "ALTER CONNECTION IF EXISTS db.conn SET ('username' = 'u', 'password' = 'p')",
    ],
  ])('%s', expectRoundTrip);
});
