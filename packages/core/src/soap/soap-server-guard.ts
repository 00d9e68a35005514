import type { IncomingMessage, ServerResponse } from 'node:http';
import { readLimitedBody } from './read-limited-body.js';
import { buildSoapFaultEnvelope } from './soap-fault-envelope.js';
import type { SoapServerOptions } from './start-soap-server.js';
import { decodeXmlBody, findUnsafeXml, looksLikeSoapEnvelope } from './xml-safety.js';

/** The handler `soap` registers for one path (its Express integration). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** What {@link guardSoapRequest} needs from the server. */
export interface GuardContext {
  routes: ReadonlyMap<string, RouteHandler>;
  maxRequestBytes: number;
  intercept: SoapServerOptions['intercept'];
}

/** soap normalises string paths to end with '/'; requests are matched the same way. */
export function routeKey(routePath: string): string {
  return routePath.endsWith('/') ? routePath : `${routePath}/`;
}

/**
 * Routes one request to the `soap` handler of its path, after the checks of DESIGN §8: the body is read with a size
 * cap (413), decoded strictly, and refused with a 400 Client Fault when it carries a DOCTYPE/ENTITY declaration or a
 * reserved object key, or is not a SOAP envelope — all before `soap` parses it.
 */
export async function guardSoapRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: GuardContext,
): Promise<void> {
  const requestPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const route = context.routes.get(routeKey(requestPath));
  if (route === undefined) {
    response.statusCode = 404;
    response.end();
    return;
  }
  // GET ?wsdl and other methods carry no envelope: soap answers them without parsing anything.
  if (request.method !== 'POST') {
    route(request, response);
    return;
  }
  const read = await readLimitedBody(request, context.maxRequestBytes);
  if ('failure' in read) {
    if (read.failure === 'aborted') {
      request.socket.destroy();
      return;
    }
    // Stop reading the rest of an oversized body: close the connection once the reply is out.
    response.setHeader('Connection', 'close');
    return sendClientFault(response, 413, 'Request too large');
  }
  const contentType = request.headers['content-type'];
  const decoded = decodeXmlBody(read.body, contentType);
  if ('failure' in decoded)
    return sendClientFault(response, 400, 'Request is not text in the declared charset');
  const unsafe = findUnsafeXml(decoded.text);
  if (unsafe !== undefined)
    return sendClientFault(response, 400, 'DOCTYPE, ENTITY and reserved names are not accepted');
  if (!looksLikeSoapEnvelope(decoded.text))
    return sendClientFault(response, 400, 'Request is not a SOAP envelope');
  if (context.intercept !== undefined) {
    const handled = await context.intercept({ request, response, path: requestPath, body: decoded.text });
    if (handled) return;
  }
  // soap reads an Express-provided body from `request.body` instead of the (already consumed) stream.
  (request as IncomingMessage & { body?: string }).body = decoded.text;
  route(request, response);
}

function sendClientFault(response: ServerResponse, status: number, faultString: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/xml; charset=utf-8');
  response.end(buildSoapFaultEnvelope({ faultCode: 'soapenv:Client', faultString }));
}
