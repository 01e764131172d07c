import type { ConnectorV1, ConnectorV2, TableSink, TableSinkV2 } from '@lateral/spec';

/**
 * A v1 connector seen through contract v2, so the kernel speaks one contract: its reads are
 * bounded and carry no positions; its sink's `commit` is v1's `close` (durable and visible at
 * once) and `flush` returns without a durable point, which a bounded INSERT never needs (it
 * commits right after its one flush). A stream connector must implement v2.
 */
export function adaptConnectorV1(connector: ConnectorV1): ConnectorV2 {
  const adapted: ConnectorV2 = {
    specificationVersion: 'v2',
    id: connector.id,
    bounded: true,
    validate: (table) => connector.validate(table),
    source: (table, context) => ({
      bounded: true,
      async *read() {
        for await (const rows of connector.read(table, context)) yield { rows };
      },
    }),
    openSink: async (table, context) => adaptSinkV1(await connector.openSink(table, context)),
    ...(connector.drop ? { drop: connector.drop.bind(connector) } : {}),
    ...(connector.countRows ? { countRows: connector.countRows.bind(connector) } : {}),
  };
  return adapted;
}

function adaptSinkV1(sink: TableSink): TableSinkV2 {
  return {
    write: (rows) => sink.write(rows),
    flush: async () => undefined,
    commit: () => sink.close(),
    abort: () => sink.abort(),
  };
}
