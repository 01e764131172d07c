#!/usr/bin/env node
import 'reflect-metadata';
import { main } from './main.js';

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`LATERAL_ERR_INTERNAL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
