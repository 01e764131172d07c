import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('DROP / SHOW / DESCRIBE / SET / RESET round trip', () => {
  it.each([
    ['DROP TABLE t', 'DROP TABLE t'],
    ['drop table if exists db.t', 'DROP TABLE IF EXISTS db.t'],
    ['DROP MODEL `summarizer$1`', 'DROP MODEL `summarizer$1`'],
    ['DROP MODEL IF EXISTS cat.db.`m$all`', 'DROP MODEL IF EXISTS cat.db.`m$all`'],
    ['DROP MODEL m$2', 'DROP MODEL `m$2`'],
    ['DROP CONNECTION IF EXISTS `openai-chat`', 'DROP CONNECTION IF EXISTS `openai-chat`'],
    ['DROP TABLE `t$2`', 'DROP TABLE `t$2`'],
    ['SHOW TABLES', 'SHOW TABLES'],
    ["show models like 'sum%'", "SHOW MODELS LIKE 'sum%'"],
    ["SHOW MODELS IN cat.db NOT LIKE 'x\\_%'", "SHOW MODELS FROM cat.db NOT LIKE 'x\\_%'"],
    ['SHOW TABLES FROM db', 'SHOW TABLES FROM db'],
    ["SHOW CONNECTIONS LIKE 'openai%'", "SHOW CONNECTIONS LIKE 'openai%'"],
    ['SHOW CREATE MODEL summarizer', 'SHOW CREATE MODEL summarizer'],
    ['show create model `summarizer$2`', 'SHOW CREATE MODEL `summarizer$2`'],
    ['SHOW CREATE TABLE db.t', 'SHOW CREATE TABLE db.t'],
    ['SHOW CREATE CONNECTION `openai-chat`', 'SHOW CREATE CONNECTION `openai-chat`'],
    ['DESCRIBE docs', 'DESCRIBE docs'],
    ['DESC TABLE docs', 'DESCRIBE docs'],
    ['DESCRIBE connection', 'DESCRIBE connection'],
    ['DESCRIBE MODEL `summarizer$all`', 'DESCRIBE MODEL `summarizer$all`'],
    ['desc model m$3', 'DESCRIBE MODEL `m$3`'],
    ['DESCRIBE CONNECTION `openai-chat`', 'DESCRIBE CONNECTION `openai-chat`'],
    ['SET', 'SET'],
    ["SET 'sql.state-ttl' = '14 d'", "SET 'sql.state-ttl' = '14 d'"],
    ["set sql.local-time-zone = 'UTC'", "SET 'sql.local-time-zone' = 'UTC'"],
    ['RESET', 'RESET'],
    ["RESET 'sql.state-ttl'", "RESET 'sql.state-ttl'"],
    ['reset sql.state-ttl', "RESET 'sql.state-ttl'"],
  ])('%s', expectRoundTrip);
});
