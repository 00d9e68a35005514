import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTransport, type HttpTransport } from '../../src/http/index.js';
import { type LoopbackServer, startHttpServer, startHttpsServer } from './support/loopback-server.js';
import { createTestPki } from './support/test-certificates.js';

const timeoutMs = 5_000;
let origin: LoopbackServer;
let proxy: LoopbackServer;
let transport: HttpTransport | undefined;

/** A minimal forward proxy: reads an absolute-form request line and replays the request to its target. */
function startForwardProxy(): Promise<LoopbackServer> {
  return startHttpServer((request, response, body) => {
    const { 'proxy-authorization': _credentials, ...headers } = request.headers;
    const upstream = http.request(
      request.url ?? '',
      { method: request.method, headers },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    upstream.end(body);
  });
}

/** A CONNECT-only proxy: opens a raw TCP tunnel to the requested authority and records it. */
async function startTunnelProxy(): Promise<{ port: number; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    tunnels,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

beforeEach(async () => {
  origin = await startHttpServer((request, response) => response.end(`origin saw ${request.url}`));
  proxy = await startForwardProxy();
});

afterEach(async () => {
  await transport?.close();
  transport = undefined;
  await proxy.close();
  await origin.close();
});

describe('createHttpTransport: proxy', () => {
  it('sends the request through a configured forward proxy, in absolute form, with proxy credentials', async () => {
    transport = createHttpTransport({
      baseUrl: `${origin.url}/api`,
      proxy: {
        protocol: 'http',
        host: '127.0.0.1',
        port: proxy.port,
        auth: { username: 'proxy-user', password: 'test-only' },
      },
    });
    const response = await transport.send(
      { method: 'POST', path: '/pay', body: '{"amount":1}' },
      { timeoutMs },
    );

    expect(proxy.requests[0]?.url).toBe(`${origin.url}/api/pay`);
    expect(proxy.requests[0]?.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('proxy-user:test-only').toString('base64')}`,
    );
    expect(proxy.requests[0]?.body.toString()).toBe('{"amount":1}');
    expect(response.body.toString()).toBe('origin saw /api/pay');
  });

  it('ignores HTTP_PROXY from the environment unless a proxy is configured', async () => {
    const saved = { ...process.env };
    for (const name of ['NO_PROXY', 'no_proxy']) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    process.env.http_proxy = proxy.url;
    try {
      // Control: plain axios does route through the environment's proxy in this process.
      await axios.get(`${origin.url}/control`, { adapter: 'http' });
      expect(proxy.requests.map((request) => request.url)).toEqual([`${origin.url}/control`]);

      transport = createHttpTransport({ baseUrl: origin.url });
      await transport.send({ method: 'GET', path: '/direct' }, { timeoutMs });
      expect(proxy.requests).toHaveLength(1);
      expect(origin.requests.map((request) => request.url)).toEqual(['/control', '/direct']);
    } finally {
      process.env = saved;
    }
  });
});

describe('createHttpTransport: proxy with an https target', () => {
  it('tunnels through CONNECT, keeps mTLS end to end, and close() cuts a tunnel in flight', async () => {
    const pki = createTestPki();
    const secureOrigin = await startHttpsServer(
      {
        key: pki.server.privateKeyPem,
        cert: pki.server.certificatePem,
        ca: pki.ca.certificatePem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (request, response) => {
        if (request.url !== '/hang')
          response.end((request.socket as TLSSocket).getPeerCertificate().subject.CN);
      },
    );
    const tunnelProxy = await startTunnelProxy();
    const secureTransport = createHttpTransport({
      baseUrl: secureOrigin.url,
      tls: { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem },
      proxy: { protocol: 'http', host: '127.0.0.1', port: tunnelProxy.port },
    });
    try {
      const response = await secureTransport.send(
        { method: 'POST', path: '/pay', body: '{}' },
        { timeoutMs },
      );
      expect(response.body.toString()).toBe('wirebridge-test-client');
      expect(tunnelProxy.tunnels).toEqual([`127.0.0.1:${secureOrigin.port}`]);

      // The tunnel's socket belongs to an agent axios made, not to ours: close() must still destroy it.
      const hanging = secureTransport.send(
        { method: 'POST', path: '/hang', body: '{}' },
        { timeoutMs: 60_000 },
      );
      await secureOrigin.nextRequest();
      await secureTransport.close();
      await expect(hanging).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN', details: { reason: 'reset' } });
    } finally {
      await secureTransport.close();
      await tunnelProxy.close();
      await secureOrigin.close();
    }
  });
});
