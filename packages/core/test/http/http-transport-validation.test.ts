import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { createHttpTransport, type HttpRequest, type HttpTransport } from '../../src/http/index.js';
import { type LoopbackServer, startHttpServer } from './support/loopback-server.js';

let server: LoopbackServer;
let transport: HttpTransport;

beforeAll(async () => {
  server = await startHttpServer((_request, response) => response.end('ok'));
  transport = createHttpTransport({
    baseUrl: `${server.url}/api`,
    maxRequestBytes: 16,
    vendor: 'example-vendor',
  });
});

afterAll(async () => {
  await transport.close();
  await server.close();
});

async function validationFailure(request: HttpRequest, timeoutMs = 1_000): Promise<ValidationError> {
  const error = await transport.send(request, { timeoutMs }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('createHttpTransport: requests refused before any I/O', () => {
  it.each([
    ['an absolute URL', 'http://attacker.test/steal'],
    ['a scheme-relative URL', '//attacker.test/steal'],
    ['a path without a leading slash', 'payments'],
    ['a dot-dot segment', '/../admin'],
    ['an encoded dot-dot segment', '/%2E%2e/admin'],
    ['a backslash', '/\\attacker.test'],
    ['a fragment', '/payments#x'],
    ['a line break', '/payments\r\nX-Injected: 1'],
  ])('refuses %s as path', async (_label, path) => {
    const error = await validationFailure({ method: 'GET', path });
    expect(error.issues.map((issue) => issue.path)).toEqual(['path']);
    expect(error.vendor).toBe('example-vendor');
    expect(server.sockets).toHaveLength(0);
  });

  it('refuses a body over maxRequestBytes, counting UTF-8 bytes', async () => {
    const error = await validationFailure({ method: 'POST', path: '/pay', body: '한글한글한글' }); // 18 bytes
    expect(error.issues).toEqual([expect.objectContaining({ path: 'body', code: 'too_big' })]);
    expect(server.sockets).toHaveLength(0);
  });

  it('refuses a header value with a line break without echoing the value', async () => {
    const error = await validationFailure({
      method: 'GET',
      path: '/pay',
      headers: { 'X-Api-Key': 'SECRET-KEY\r\nX-Injected: 1' },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual(['headers.X-Api-Key']);
    expect(`${error.message} ${JSON.stringify(error.issues)}`).not.toContain('SECRET-KEY');
    expect(server.sockets).toHaveLength(0);
  });

  it('refuses Content-Length set by the caller, a bad method and a bad timeout, all in one error', async () => {
    const error = await validationFailure(
      { method: 'TRACE' as 'GET', path: '/pay', headers: { 'Content-Length': '3' } },
      Number.NaN,
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'headers.Content-Length',
      'method',
      'timeoutMs',
    ]);
    expect(server.sockets).toHaveLength(0);
  });
});

describe('createHttpTransport: options checked at construction', () => {
  it.each([
    ['a relative baseUrl', { baseUrl: '/api' }],
    ['a non-http baseUrl', { baseUrl: 'ftp://files.vendor.test' }],
    ['credentials in baseUrl', { baseUrl: 'https://user:pass@api.vendor.test' }],
    ['a query in baseUrl', { baseUrl: 'https://api.vendor.test/?key=1' }],
    ['tls options on http', { baseUrl: 'http://api.vendor.test', tls: { rejectUnauthorized: true } }],
    ['a zero maxSockets', { baseUrl: 'https://api.vendor.test', maxSockets: 0 }],
    ['a fractional maxResponseBytes', { baseUrl: 'https://api.vendor.test', maxResponseBytes: 1.5 }],
    ['a bad default header', { baseUrl: 'https://api.vendor.test', defaultHeaders: { 'Bad Name': 'x' } }],
    [
      'a proxy on another protocol',
      { baseUrl: 'https://api.vendor.test', proxy: { protocol: 'socks5', host: 'p', port: 1 } },
    ],
  ])('refuses %s with a ConfigError', (_label, options) => {
    expect(() => createHttpTransport(options as never)).toThrow(ConfigError);
  });

  it('does not echo credentials of a refused baseUrl', () => {
    const error = (() => {
      try {
        createHttpTransport({ baseUrl: 'https://user:SECRET-PASSWORD@api.vendor.test' });
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/credentials/);
    expect(error?.message).not.toContain('SECRET-PASSWORD');
  });
});
