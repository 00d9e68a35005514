export type { CodeEntry, CodeOutcome, CodesTable, DefineCodesOptions } from './codes.js';
export { defineCodes } from './codes.js';
export type { OperationDeclaration } from './define-operation.js';
export { defineOperation } from './define-operation.js';
export type { OperationRunner, OperationRunnerOptions, Transport } from './operation-runner.js';
export { createOperationRunner } from './operation-runner.js';
export type {
  AttemptContext,
  DecodedReply,
  Exchange,
  IdempotencyClass,
  OperationDefinition,
  Resolution,
  ResolutionContext,
  RunOperation,
  Stage,
  StageInsertion,
} from './operation-types.js';
export { DEFAULT_RESOLUTION_DELAYS_MS } from './resolve-outcome.js';
export { DEFAULT_STAGE_NAMES, insertStages } from './stages.js';
export { fieldPath, parseOrThrow, toValidationIssues } from './validate.js';
