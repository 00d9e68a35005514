import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Reply } from '@wirebridge/core';
import { type SoapServer, type SoapServiceHandler, startSoapServer } from '@wirebridge/core/soap';
import { DEFAULT_WSDL_FILES, WU_SERVICE_PATHS, type WuService } from '../western-union-config.js';
import { MINIMAL_WSDL_SHAPES, minimalWsdl } from '../wire/minimal-wsdl.js';
import {
  nisEnvelope,
  nonStandardFault,
  prototypeReply,
  standardFault,
  truncatedReply,
} from './simulator-envelopes.js';
import { FaultQueue, type WesternUnionSimulatorFault } from './simulator-faults.js';
import {
  SimulatedFault,
  type SimulatedTransfer,
  type SimulatorExecution,
  SimulatorState,
} from './simulator-state.js';
import { createSimulatorPki } from './test-certificates.js';

export type { WesternUnionSimulatorFault } from './simulator-faults.js';
export type { SimulatedTransfer, SimulatorExecution } from './simulator-state.js';

/** Options of {@link startWesternUnionSimulator}. */
export interface WesternUnionSimulatorOptions {
  /** `mtls` issues a test CA, server and client certificate and requires the client certificate. @default 'none' */
  tls?: 'none' | 'mtls';
  /** Port on 127.0.0.1. @default 0 (ephemeral) */
  port?: number;
  /** Seed of MTCN allocation. @default 1 */
  seed?: number;
  /** Clock for `new_mtcn` and filing dates. @default () => new Date() */
  clock?: () => Date;
  /** `partner/id` written into NIS pushes. @default 'WGQTEST0001' */
  partnerId?: string;
}

/** One request the simulator received (after the XML checks, before any fault). */
export interface SimulatorRequest {
  service: WuService;
  body: string;
  /** The `SOAPAction` header as received (`""` for WU's empty action). */
  soapAction: string | undefined;
  contentType: string | undefined;
}

/** A running simulator (spec §9). */
export interface WesternUnionSimulator {
  /** Origin, e.g. `http://127.0.0.1:51234`. */
  url: string;
  /** URL of every service (same paths as spec §3). `nis` is not served: the simulator sends pushes. */
  endpoints: Record<WuService, string>;
  /** A temp directory holding our minimal WSDLs under WU's file names; pass it as the client's `wsdlDir`. */
  wsdlDir: string;
  /** Client material when started with `tls: 'mtls'`. */
  tls?: { caPem: string; clientKeyPem: string; clientCertPem: string; clientPfx: Buffer; passphrase: string };
  state: {
    /** Marks a stored transfer paid out to the receiver (`W/C` → `PAID`); other states are left as they are. */
    pay(mtcn: string): void;
    /** Marks a stored transfer expired, so a refund is allowed from states other than `W/C` (except `PAID`). */
    expire(mtcn: string): void;
    /** Copies of every stored transfer. */
    transfers(): readonly SimulatedTransfer[];
    /** Every executed side effect (validation, store, cancel, refund), in order. */
    executions(): readonly SimulatorExecution[];
    /** Every request received, in order. */
    requests(): readonly SimulatorRequest[];
    /** Distinct connections (TLS sessions, each one handshake) that carried requests. */
    connectionCount(): number;
    /** TLS handshakes the server completed (with `tls: 'mtls'`), counted by the server itself. */
    tlsHandshakeCount(): number;
    /** Replies of `sendNotification`, in order. */
    notificationReplies(): readonly Reply[];
  };
  /** Queues `fault` for its next `times` requests (default 1). @throws TypeError for an unknown kind or bad `times`. */
  inject(fault: WesternUnionSimulatorFault): void;
  /**
   * POSTs a NIS push of `type` for a stored transfer to `to` (twice with `duplicate`) and resolves with the last
   * reply. @throws TypeError when no transfer with that MTCN is stored.
   */
  sendNotification(options: {
    mtcn: string;
    type: string;
    to: string;
    basicAuth?: { username: string; password: string };
    duplicate?: boolean;
  }): Promise<Reply>;
  /** Cancels delayed replies, closes the server and deletes the temporary WSDL directory. */
  close(): Promise<void>;
}

const refundPath = '/Refund_Service_H2H';
const servedServices: readonly Exclude<WuService, 'nis'>[] = [
  'validation',
  'store',
  'status',
  'search',
  'cancel',
  'refund',
  'das',
  'heartbeat',
];

function servicePath(service: Exclude<WuService, 'nis'>): string {
  return service === 'refund' ? refundPath : WU_SERVICE_PATHS[service];
}

/** A promise that never settles: the handler answered (or destroyed the socket) itself. */
const answeredByHandler = () => new Promise<never>(() => undefined);

function writeXml(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/xml; charset=utf-8',
) {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Starts a loopback Western Union H2H simulator (spec §9): one HTTP(S) server with a path per service, served by
 * `soap` from our minimal WSDLs, keeping a ledger of what it executed and injecting the faults of spec §9.
 */
export async function startWesternUnionSimulator(
  options: WesternUnionSimulatorOptions = {},
): Promise<WesternUnionSimulator> {
  const clock = options.clock ?? (() => new Date());
  const state = new SimulatorState(options.seed ?? 1, clock);
  const faults = new FaultQueue();
  const requests: SimulatorRequest[] = [];
  const sockets = new Set<Socket>();
  const notificationReplies: Reply[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  const pki = options.tls === 'mtls' ? createSimulatorPki() : undefined;
  const partnerId = options.partnerId ?? 'WGQTEST0001';
  const afterExecution = new WeakMap<IncomingMessage, WesternUnionSimulatorFault>();

  const wsdlDir = await mkdtemp(path.join(tmpdir(), 'wirebridge-wu-wsdl-'));
  for (const [service, file] of Object.entries(DEFAULT_WSDL_FILES)) {
    await writeFile(path.join(wsdlDir, file), minimalWsdl(service as WuService));
  }
  await writeFile(path.join(wsdlDir, 'HeartBeat.wsdl'), minimalWsdl('heartbeat'));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        resolve();
      }, ms);
      pendingTimers.add(timer);
    });

  const serviceOf = (requestPath: string): Exclude<WuService, 'nis'> | undefined =>
    servedServices.find((service) => servicePath(service) === requestPath.split('?')[0]);

  // Faults answered before `soap` sees the request; the ones that need the request executed first are handed to
  // the operation's handler through `afterExecution`.
  const intercept = async (exchange: {
    request: IncomingMessage;
    response: ServerResponse;
    path: string;
    body: string;
  }) => {
    const service = serviceOf(exchange.path);
    if (service === undefined) return false;
    sockets.add(exchange.request.socket);
    const header = (name: string) => {
      const value = exchange.request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    requests.push({
      service,
      body: exchange.body,
      soapAction: header('soapaction'),
      contentType: header('content-type'),
    });
    const fault = faults.take(service, [
      'delay',
      'reset',
      'malformed',
      'proto',
      'fault',
      'nonStandardFault',
      'http503',
    ]);
    if (fault === undefined) return false;
    const code = fault.code ?? 'E9256';
    const text = fault.text ?? 'SYSTEM ERROR - PLEASE RETRY';
    switch (fault.kind) {
      case 'fault':
        writeXml(exchange.response, 500, standardFault(code, text));
        return true;
      case 'nonStandardFault':
        writeXml(exchange.response, 500, nonStandardFault(code, text));
        return true;
      case 'http503':
        writeXml(
          exchange.response,
          503,
          '<html><body><h1>503 Service Unavailable</h1></body></html>',
          'text/html',
        );
        return true;
      case 'delay':
        if (fault.commit === true) break;
        await sleep(fault.delayMs ?? 5_000);
        exchange.request.socket.destroy();
        return true;
      case 'reset':
        if (fault.commit === true || fault.midResponse === true) break;
        exchange.request.socket.destroy();
        return true;
      default:
        break;
    }
    afterExecution.set(exchange.request, fault);
    return false;
  };

  const serve =
    (service: Exclude<WuService, 'nis'>, execute: (args: unknown) => unknown): SoapServiceHandler =>
    async (args, _callback, _headers, request, response) => {
      let result: unknown;
      try {
        result = execute(args);
      } catch (error) {
        if (!(error instanceof SimulatedFault)) throw error;
        writeXml(response, 500, standardFault(error.code, error.text));
        return answeredByHandler();
      }
      const fault = afterExecution.get(request);
      if (fault === undefined) return result;
      const replyElement = MINIMAL_WSDL_SHAPES[service].reply;
      switch (fault.kind) {
        case 'delay':
          // Committed; the reply leaves after the client gave up.
          await sleep(fault.delayMs ?? 5_000);
          request.socket.destroy();
          return answeredByHandler();
        case 'reset':
          if (fault.midResponse === true) {
            const half = truncatedReply(replyElement);
            response.writeHead(200, {
              'Content-Type': 'text/xml; charset=utf-8',
              'Content-Length': half.length * 2,
            });
            response.write(half);
            await sleep(20);
          }
          request.socket.destroy();
          return answeredByHandler();
        case 'malformed':
          writeXml(response, 200, truncatedReply(replyElement));
          return answeredByHandler();
        case 'proto':
          writeXml(response, 200, prototypeReply(replyElement));
          return answeredByHandler();
        default:
          return result;
      }
    };

  const executors: Record<Exclude<WuService, 'nis'>, (args: unknown) => unknown> = {
    validation: (args) => state.validate(args),
    store: (args) => state.store(args),
    status: (args) => state.payStatus(args),
    search: (args) => state.search(args),
    cancel: (args) => state.cancel(args),
    refund: (args) => state.refund(args),
    das: (args) => state.das(args),
    heartbeat: () => ({ status: 'OK' }),
  };

  const endpointFor = (service: Exclude<WuService, 'nis'>) => {
    const shape = MINIMAL_WSDL_SHAPES[service];
    return {
      path: servicePath(service),
      wsdl: minimalWsdl(service),
      services: {
        [shape.service]: { [shape.port]: { [shape.operation]: serve(service, executors[service]) } },
      },
    };
  };

  let server: SoapServer;
  try {
    server = await startSoapServer({
      ...endpointFor('validation'),
      ...(options.port === undefined ? {} : { port: options.port }),
      intercept,
      ...(pki === undefined
        ? {}
        : {
            tls: {
              key: pki.server.privateKeyPem,
              cert: pki.server.certificatePem,
              ca: pki.ca.certificatePem,
              requestClientCertificate: true,
            },
          }),
    });
    for (const service of servedServices.slice(1)) await server.mount(endpointFor(service));
  } catch (error) {
    await rm(wsdlDir, { recursive: true, force: true });
    throw error;
  }

  const endpoints = Object.fromEntries([
    ...servedServices.map((service) => [service, `${server.origin}${servicePath(service)}`]),
    ['nis', `${server.origin}/NisNotification`],
  ]) as Record<WuService, string>;

  const postNotification = (to: string, body: string, authorization: string | undefined): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const target = new URL(to);
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            SOAPAction: 'NotifAction',
            'Content-Length': Buffer.byteLength(body),
            ...(authorization === undefined ? {} : { Authorization: authorization }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') headers[name] = value;
            }
            resolve({
              status: response.statusCode ?? 0,
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  return {
    url: server.origin,
    endpoints,
    wsdlDir,
    ...(pki === undefined
      ? {}
      : {
          tls: {
            caPem: pki.ca.certificatePem,
            clientKeyPem: pki.client.privateKeyPem,
            clientCertPem: pki.client.certificatePem,
            clientPfx: pki.clientPfx,
            passphrase: pki.passphrase,
          },
        }),
    state: {
      pay: (mtcn) => state.pay(mtcn),
      expire: (mtcn) => state.expire(mtcn),
      transfers: () => state.transfers(),
      executions: () => state.executions(),
      requests: () => [...requests],
      connectionCount: () => sockets.size,
      tlsHandshakeCount: () => server.connectionStats().tlsHandshakes,
      notificationReplies: () => [...notificationReplies],
    },
    inject: (fault) => faults.add(fault),
    async sendNotification(notification) {
      const transfer = state.transfer(notification.mtcn);
      if (transfer === undefined)
        throw new TypeError(`sendNotification: no stored transfer ${notification.mtcn}`);
      const duplicate =
        notification.duplicate === true || faults.take('nis', ['duplicateNotification']) !== undefined;
      const badAuth = faults.take('nis', ['badBasicAuth']) !== undefined;
      const credentials = notification.basicAuth;
      const authorization =
        credentials === undefined
          ? undefined
          : `Basic ${Buffer.from(`${credentials.username}:${badAuth ? 'not-the-password' : credentials.password}`).toString('base64')}`;
      let reply: Reply | undefined;
      for (let attempt = 0; attempt < (duplicate ? 2 : 1); attempt += 1) {
        // The same push, byte for byte, as WU's at-least-once delivery resends it.
        const body = nisEnvelope(transfer, {
          type: notification.type,
          endpoint: notification.to,
          partnerId,
          attempt: 0,
          date: clock(),
        });
        reply = await postNotification(notification.to, body, authorization);
        notificationReplies.push(reply);
      }
      return reply as Reply;
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      await server.close();
      await rm(wsdlDir, { recursive: true, force: true });
    },
  };
}
