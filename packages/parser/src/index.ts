// @lateral/parser: parses the Confluent Cloud Flink SQL dialect for AI model inference into a
// typed, located AST (src/ast.ts), and prints the AST back in canonical form.

export type * from './ast.js';
export { parse, parseModelName, parseStatement } from './parse.js';
export type { ParseOptions } from './parse.js';
export { SqlSyntaxError } from './syntax-error.js';
export { SqlTooDeepError } from './too-deep-error.js';
export { MAX_NESTING_DEPTH, measureNesting } from './nesting-depth.js';
export type { NestingReport } from './nesting-depth.js';
export type { SqlSyntaxErrorDetails } from './syntax-error.js';
export { RESERVED_WORDS, isReservedWord } from './reserved-words.js';
export { printStatement } from './print/print-statement.js';
export { printQuery } from './print/print-query.js';
export { printExpression } from './print/print-expression.js';
export { printDataType } from './print/print-data-type.js';
export { printIdentifier, printObjectName, printStringLiteral } from './print/print-name.js';
export { scanOptionPairs } from './option-pair-scanner.js';
export type { OptionPairSpan } from './option-pair-scanner.js';
