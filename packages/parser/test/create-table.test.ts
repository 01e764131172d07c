import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('CREATE TABLE round trip', () => {
  it.each([
    [
      "CREATE TABLE docs (id INT NOT NULL, body STRING COMMENT 'the text') COMMENT 'documents' WITH ('connector' = 'faker')",
      "CREATE TABLE docs (id INT NOT NULL, body STRING COMMENT 'the text') COMMENT 'documents' WITH ('connector' = 'faker')",
    ],
    ['create table if not exists db.t (text string, label varchar)', 'CREATE TABLE IF NOT EXISTS db.t (text STRING, label VARCHAR(1))'],
    [
      'CREATE TABLE `my-table` (`value` DOUBLE, `data` BYTES, `type` CHAR(3), version BIGINT)',
      'CREATE TABLE `my-table` (value DOUBLE, data BYTES, type CHAR(3), version BIGINT)',
    ],
    ['CREATE TABLE t (`from` INT, `select` STRING)', 'CREATE TABLE t (`from` INT, `select` STRING)'],
    ['CREATE TABLE t (`a``b` INT)', 'CREATE TABLE t (`a``b` INT)'],
  ])('%s', expectRoundTrip);
});

describe('data types round trip (as CREATE TABLE columns)', () => {
  it.each([
    ['STRING', 'STRING'],
    ['VARCHAR', 'VARCHAR(1)'],
    ['VARCHAR(10)', 'VARCHAR(10)'],
    ['CHAR', 'CHAR(1)'],
    ['char ( 5 )', 'CHAR(5)'],
    ['BOOLEAN', 'BOOLEAN'],
    ['TINYINT', 'TINYINT'],
    ['SMALLINT', 'SMALLINT'],
    ['INT', 'INT'],
    ['INTEGER', 'INT'],
    ['BIGINT', 'BIGINT'],
    ['FLOAT', 'FLOAT'],
    ['DOUBLE', 'DOUBLE'],
    ['DOUBLE PRECISION', 'DOUBLE'],
    ['DECIMAL', 'DECIMAL(10, 0)'],
    ['DEC(5)', 'DECIMAL(5, 0)'],
    ['NUMERIC(10,2)', 'DECIMAL(10, 2)'],
    ['DATE', 'DATE'],
    ['TIME', 'TIME(0)'],
    ['TIME(3)', 'TIME(3)'],
    ['TIMESTAMP', 'TIMESTAMP(6)'],
    ['TIMESTAMP(3)', 'TIMESTAMP(3)'],
    ['TIMESTAMP(3) WITHOUT TIME ZONE', 'TIMESTAMP(3)'],
    ['TIMESTAMP WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ(6)'],
    ['TIMESTAMP(3) WITH LOCAL TIME ZONE', 'TIMESTAMP_LTZ(3)'],
    ['TIMESTAMP_LTZ(9)', 'TIMESTAMP_LTZ(9)'],
    ['BYTES', 'BYTES'],
    ['BINARY(16)', 'BINARY(16)'],
    ['VARBINARY', 'VARBINARY(1)'],
    ['ARRAY<FLOAT>', 'ARRAY<FLOAT>'],
    ['ARRAY<ARRAY<FLOAT>>', 'ARRAY<ARRAY<FLOAT>>'],
    ['FLOAT ARRAY', 'ARRAY<FLOAT>'],
    ['INT NOT NULL ARRAY NOT NULL', 'ARRAY<INT NOT NULL> NOT NULL'],
    ['MAP<STRING,DOUBLE>', 'MAP<STRING, DOUBLE>'],
    ["ROW<a INT, b STRING COMMENT 'second'>", "ROW<a INT, b STRING COMMENT 'second'>"],
    ['ROW(a INT, `b c` STRING NOT NULL)', 'ROW<a INT, `b c` STRING NOT NULL>'],
    ['STRING NULL', 'STRING'],
    ['BIGINT NOT NULL', 'BIGINT NOT NULL'],
  ])('%s prints as %s', (input, canonical) => {
    expectRoundTrip(`CREATE TABLE t (c ${input})`, `CREATE TABLE t (c ${canonical})`);
  });
});
