import { describe, it } from 'vitest';
import { expectRoundTrip } from './support/round-trip.js';

describe('INSERT round trip', () => {
  it.each([
    ["INSERT INTO docs VALUES (1, 'a'), (2, 'b')", "INSERT INTO docs VALUES (1, 'a'), (2, 'b')"],
    ["insert into db.docs (id, text) values (1,'it''s')", "INSERT INTO db.docs (id, text) VALUES (1, 'it''s')"],
    ['INSERT INTO t VALUES (-1.50, TRUE, NULL, ARRAY[1, 2])', 'INSERT INTO t VALUES (-1.50, TRUE, NULL, ARRAY[1, 2])'],
    ['INSERT INTO `my-table` (`value`) VALUES (CAST(1 AS DOUBLE))', 'INSERT INTO `my-table` (value) VALUES (CAST(1 AS DOUBLE))'],
    ['INSERT INTO results SELECT id, UPPER(text) FROM docs', 'INSERT INTO results SELECT id, UPPER(text) FROM docs'],
    [
      "INSERT INTO scored (id, sentiment) SELECT d.id, p.sentiment FROM docs d, LATERAL TABLE(ML_PREDICT('sentimentmodel', d.text)) p",
      "INSERT INTO scored (id, sentiment) SELECT d.id, p.sentiment FROM docs AS d, LATERAL TABLE(ML_PREDICT('sentimentmodel', d.text)) AS p",
    ],
  ])('%s', expectRoundTrip);
});
