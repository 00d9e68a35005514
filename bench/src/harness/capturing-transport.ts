import type { HttpRequest, HttpTransport } from '@wirebridge/core';

/** An HTTP transport that remembers the last request it sent, to replay the SDK's exact bytes raw. */
export interface CapturingTransport extends HttpTransport {
  lastRequest(): HttpRequest;
}

export function captureRequests(inner: HttpTransport): CapturingTransport {
  let last: HttpRequest | undefined;
  return {
    send(request, options) {
      last = request;
      return inner.send(request, options);
    },
    close: () => inner.close(),
    lastRequest() {
      if (last === undefined) throw new Error('capturing transport: nothing sent yet');
      return last;
    },
  };
}

/** The request body as bytes (the SDK may hand the transport a string or a Uint8Array). */
export function bodyBytes(request: HttpRequest): Buffer {
  if (request.body === undefined) return Buffer.alloc(0);
  return typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
}
