import type { z } from 'zod';
import { ConfigError } from '../errors/families.js';
import type { DecodedReply, OperationDefinition } from './operation-types.js';

/** What a vendor writes to declare an operation; `vendor` is taken from the name. */
export type OperationDeclaration<
  TInputSchema extends z.ZodType,
  TOutputSchema extends z.ZodType,
  TResponse,
> = Omit<OperationDefinition<TInputSchema, TOutputSchema>, 'vendor' | 'decode'> & {
  /** Reads the transport's response (typed as `TResponse`) into a result code and raw value. */
  readonly decode: (
    response: TResponse,
    context: Parameters<OperationDefinition<TInputSchema, TOutputSchema>['decode']>[1],
  ) => DecodedReply | Promise<DecodedReply>;
};

const namePattern = /^[a-z][a-z0-9-]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/;

/**
 * Declares one vendor operation (DESIGN §2, STYLE "An operation is a declaration").
 * The declaration is data: core's pipeline supplies validation, retries, breakers, resolution and events.
 */
export function defineOperation<
  TInputSchema extends z.ZodType,
  TOutputSchema extends z.ZodType,
  TResponse = unknown,
>(
  declaration: OperationDeclaration<TInputSchema, TOutputSchema, TResponse>,
): OperationDefinition<TInputSchema, TOutputSchema> {
  if (!namePattern.test(declaration.name)) {
    throw new ConfigError({
      message: `operation name "${declaration.name}" must look like <vendor>.<resource>.<action>`,
    });
  }
  const vendor = declaration.name.slice(0, declaration.name.indexOf('.'));
  if (declaration.codes.vendor !== vendor) {
    throw new ConfigError({
      message: `operation ${declaration.name} uses the codes table of "${declaration.codes.vendor}"`,
    });
  }
  return Object.freeze({
    ...declaration,
    vendor,
    decode: declaration.decode as OperationDefinition<TInputSchema, TOutputSchema>['decode'],
  });
}
