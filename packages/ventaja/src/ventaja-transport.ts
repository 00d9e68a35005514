import {
  ConfigError,
  createHttpTransport,
  type HttpResponse,
  type HttpTransport,
  type Transport,
} from '@wirebridge/core';
import type { VentajaClientOptions, VentajaSettings } from './ventaja-config.js';
import type { VentajaHost } from './wire/ventaja-codec.js';
import type { VentajaSignedRequest } from './wire/ventaja-signing-stage.js';

/** Sent as `User-Agent: wirebridge-ventaja/<version>` (spec §3). */
export const VENTAJA_PACKAGE_VERSION = '0.1.0';

/** Largest reply read (spec §3 `maxContentLength: 1 MiB`). */
const maxResponseBytes = 1_048_576;

function isHttpTransport(value: unknown): value is HttpTransport {
  return typeof (value as HttpTransport | undefined)?.send === 'function';
}

/**
 * One keep-alive transport per host (spec §3: `maxSockets: 10`, no redirects, relative paths only, 1 MiB
 * replies), routing each signed request to its host. Core's transport sends the body bytes as given.
 */
export function createVentajaTransport(
  settings: VentajaSettings,
  override: VentajaClientOptions['transport'],
): Transport<VentajaSignedRequest, HttpResponse> & { close(): Promise<void> } {
  const transports = new Map<VentajaHost, HttpTransport>();
  const owned: HttpTransport[] = [];
  const defaultHeaders = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': `wirebridge-ventaja/${VENTAJA_PACKAGE_VERSION}`,
  };
  for (const host of ['bills', 'eload'] as const) {
    const given = isHttpTransport(override) ? override : override?.[host];
    if (given) {
      transports.set(host, given);
      continue;
    }
    const baseUrl = settings.baseUrls[host];
    if (baseUrl === undefined) continue;
    const transport = createHttpTransport({
      baseUrl,
      vendor: 'ventaja',
      defaultHeaders,
      maxSockets: 10,
      maxResponseBytes,
    });
    transports.set(host, transport);
    owned.push(transport);
  }
  return {
    async send(signed, options) {
      const transport = transports.get(signed.host);
      if (!transport) {
        throw new ConfigError({
          message: `Ventaja option hosts.${signed.host} is required for this operation`,
        });
      }
      const request =
        isHttpTransport(override) || override?.[signed.host]
          ? { ...signed.request, headers: { ...defaultHeaders, ...signed.request.headers } }
          : signed.request;
      return transport.send(request, options);
    },
    async close() {
      // close() destroys the agents this client created (spec §3); injected transports belong to the caller.
      await Promise.all(owned.map((transport) => transport.close()));
    },
  };
}
