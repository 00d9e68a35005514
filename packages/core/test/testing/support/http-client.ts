import http from 'node:http';

/** The outcome of one HTTP request as a client sees it. */
export type HttpOutcome =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { ok: false; code: string | undefined; bodyBytesBeforeError: number };

/** Sends one request on a fresh connection (no keep-alive pool) and never rejects. */
export function sendHttp(
  url: string,
  options: { method?: string; path?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let bodyBytes = 0;
    const request = http.request(
      `${url}${options.path ?? '/'}`,
      { method: options.method ?? 'POST', agent: false, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          bodyBytes += chunk.length;
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            ok: true,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ ok: false, code: error.code, bodyBytesBeforeError: bodyBytes }),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, code: error.code, bodyBytesBeforeError: bodyBytes }),
    );
    request.end(options.body);
  });
}
