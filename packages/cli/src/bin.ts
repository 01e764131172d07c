#!/usr/bin/env node
import 'reflect-metadata';
import { describeFailure } from './failure-report.js';
import { main } from './main.js';

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error, '<command line>', process.argv.includes('--debug'))}\n`);
  process.exitCode = 1;
});
