import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  BulkheadRejectedError,
  CircuitOpenError,
  ConfigError,
  CryptoError,
  FramingError,
  isWirebridgeError,
  JsonRpcError,
  OutcomeUnknownError,
  ProtocolError,
  RateLimitedError,
  SignatureError,
  SoapFaultError,
  TimeoutError,
  TransportError,
  ValidationError,
  VendorError,
  WirebridgeError,
} from '../../src/index.js';

// Each family, built with only its required fields, and the retryable default DESIGN §3 gives it.
const families = [
  {
    error: new ValidationError({ message: 'm', issues: [] }),
    name: 'ValidationError',
    code: 'VALIDATION',
    retryable: false,
  },
  { error: new ConfigError({ message: 'm' }), name: 'ConfigError', code: 'CONFIG', retryable: false },
  { error: new TransportError({ message: 'm' }), name: 'TransportError', code: 'TRANSPORT', retryable: true },
  {
    error: new TimeoutError({ message: 'm', timeoutMs: 5 }),
    name: 'TimeoutError',
    code: 'TIMEOUT',
    retryable: true,
  },
  {
    error: new OutcomeUnknownError({ message: 'm' }),
    name: 'OutcomeUnknownError',
    code: 'OUTCOME_UNKNOWN',
    retryable: false,
  },
  { error: new ProtocolError({ message: 'm' }), name: 'ProtocolError', code: 'PROTOCOL', retryable: false },
  {
    error: new SignatureError({ message: 'm' }),
    name: 'SignatureError',
    code: 'SIGNATURE',
    retryable: false,
  },
  { error: new FramingError({ message: 'm' }), name: 'FramingError', code: 'FRAMING', retryable: false },
  { error: new CryptoError({ message: 'm' }), name: 'CryptoError', code: 'CRYPTO', retryable: false },
  {
    error: new SoapFaultError({ message: 'm', faultCode: 'soap:Server', faultString: 'x' }),
    name: 'SoapFaultError',
    code: 'SOAP_FAULT',
    retryable: false,
  },
  {
    error: new JsonRpcError({ message: 'm', rpcCode: -32600 }),
    name: 'JsonRpcError',
    code: 'JSON_RPC',
    retryable: false,
  },
  {
    error: new VendorError({ category: 'declined', vendorCode: 'D01' }),
    name: 'VendorError',
    code: 'VENDOR',
    retryable: false,
  },
  {
    error: new CircuitOpenError({ circuit: 'kicc' }),
    name: 'CircuitOpenError',
    code: 'CIRCUIT_OPEN',
    retryable: true,
  },
  {
    error: new BulkheadRejectedError({ message: 'm' }),
    name: 'BulkheadRejectedError',
    code: 'BULKHEAD_REJECTED',
    retryable: true,
  },
  {
    error: new RateLimitedError({ message: 'm' }),
    name: 'RateLimitedError',
    code: 'RATE_LIMITED',
    retryable: true,
  },
  { error: new AbortedError({ message: 'm' }), name: 'AbortedError', code: 'ABORTED', retryable: false },
] as const;

describe('error families', () => {
  it.each(families)('$name has its code, name and retryable default', ({ error, name, code, retryable }) => {
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error).toBeInstanceOf(WirebridgeError);
    expect(error).toBeInstanceOf(Error);
    expect(isWirebridgeError(error)).toBe(true);
  });

  it('keeps subclass relations and rejects unrelated families', () => {
    const signature = new SignatureError({ message: 'bad MAC' });
    expect(signature).toBeInstanceOf(ProtocolError);
    expect(signature).not.toBeInstanceOf(VendorError);
    expect(new ProtocolError({ message: 'x' })).not.toBeInstanceOf(SignatureError);
    expect(new Error('plain')).not.toBeInstanceOf(WirebridgeError);
    expect(isWirebridgeError({ code: 'VALIDATION' })).toBe(false);
  });

  it('lets a non-retryable override stand (a rejected client certificate)', () => {
    expect(new TransportError({ message: 'certificate rejected', retryable: false }).retryable).toBe(false);
  });

  it('a ValidationError and a SignatureError cannot be made retryable', () => {
    const options = { message: 'm', retryable: true } as never;
    expect(new ValidationError({ ...(options as object), issues: [] } as never).retryable).toBe(false);
    expect(new SignatureError(options).retryable).toBe(false);
  });

  it('builds a vendor message from the category and code, never from input', () => {
    const error = new VendorError({
      vendor: 'kicc',
      operation: 'kicc.virtualAccounts.cancel',
      category: 'duplicate',
      vendorCode: 'R101',
      vendorMessage: 'duplicated transaction',
    });
    expect(error.message).toBe('kicc rejected kicc.virtualAccounts.cancel: duplicate (R101)');
    expect(error.toJSON()).toMatchObject({ code: 'VENDOR', category: 'duplicate', vendorCode: 'R101' });
    expect(JSON.stringify(error.toJSON())).not.toContain('stack');
  });

  it('keeps the cause and the reference of an unknown outcome', () => {
    const cause = new TimeoutError({ message: 'late', timeoutMs: 10 });
    const error = new OutcomeUnknownError({ message: 'm', reference: 'ORD-1', cause });
    expect(error.cause).toBe(cause);
    expect(error.reference).toBe('ORD-1');
    expect(error.attempts).toEqual([]);
  });

  it('supports vendor subclasses that callers can catch as VendorError', () => {
    class ExampleVendorError extends VendorError {}
    const error = new ExampleVendorError({ category: 'unavailable', vendorCode: '9999', retryable: true });
    expect(error).toBeInstanceOf(ExampleVendorError);
    expect(error).toBeInstanceOf(VendorError);
    expect(new VendorError({ category: 'declined', vendorCode: '1' })).not.toBeInstanceOf(ExampleVendorError);
  });
});
