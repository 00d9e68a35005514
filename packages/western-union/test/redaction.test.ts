import type { Logger } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WesternUnionClient } from '../src/index.js';
import { startWesternUnionSimulator, type WesternUnionSimulator } from '../src/testing/index.js';
import { cashQuoteInput, clientOptions } from './support/harness.js';
import { startNisEndpoint } from './support/nis-endpoint.js';

const lines: string[] = [];
const capture = (level: string) => (object: unknown, message?: string) => {
  lines.push(
    `${level} ${message ?? ''} ${JSON.stringify(object, (_key, value) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value))}`,
  );
};
const logger: Logger = {
  debug: capture('debug'),
  info: capture('info'),
  warn: capture('warn'),
  error: capture('error'),
} as Logger;

let simulator: WesternUnionSimulator;
beforeAll(async () => {
  simulator = await startWesternUnionSimulator({ tls: 'mtls' });
});
afterAll(async () => {
  await simulator.close();
});

describe('no secret or personal data in logs and errors over a full flow (DESIGN §7, spec §5.5)', () => {
  it('finds none of the keys, passwords, names, ids, phone numbers or commit tokens', async () => {
    const tls = simulator.tls as NonNullable<typeof simulator.tls>;
    const nisPassword = 'test-only-nis-password';
    const client = new WesternUnionClient(
      clientOptions(simulator, {
        logger,
        tls: { pfx: tls.clientPfx, passphrase: tls.passphrase, ca: tls.caPem },
        notifications: {
          allowedIps: ['127.0.0.1'],
          basicAuth: [{ username: 'wu-nis', password: nisPassword }],
        },
      }),
    );
    const errors: unknown[] = [];
    const keep = (error: unknown) => {
      errors.push(error);
    };
    const endpoint = await startNisEndpoint((request) =>
      client.notifications.process(request, async () => undefined),
    );
    const input = cashQuoteInput();
    let commitToken = '';
    try {
      const quote = await client.transfers.quote(input);
      commitToken = quote.commitToken;
      await client.transfers.send({ commitToken });
      await client.transfers.status({ mtcn: quote.mtcn });
      // A business fault, a lost reply resolved by status, a bad input, a refused cancel.
      simulator.inject({ operation: 'status', kind: 'fault', code: 'T0440', text: 'INVALID PROMO' });
      await client.transfers.status({ mtcn: quote.mtcn }).catch(keep);
      const second = await client.transfers.quote(cashQuoteInput());
      simulator.inject({ operation: 'store', kind: 'reset' });
      await client.transfers.send({ commitToken: second.commitToken }).catch(keep);
      await client.transfers.quote({ ...input, reference: 'bad reference!' }).catch(keep);
      simulator.state.pay(quote.mtcn);
      await client.transfers.cancel({ mtcn: quote.mtcn }).catch(keep);
      await simulator.sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS003',
        to: endpoint.url,
        basicAuth: { username: 'wu-nis', password: nisPassword },
      });
      simulator.inject({ operation: 'nis', kind: 'badBasicAuth' });
      await simulator.sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS003',
        to: endpoint.url,
        basicAuth: { username: 'wu-nis', password: nisPassword },
      });
    } finally {
      await endpoint.close();
      await client.close();
    }
    expect(lines.length).toBeGreaterThan(5);
    expect(errors.length).toBe(4);
    const everything = [
      ...lines,
      ...errors.map(
        (error) =>
          `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as { details?: unknown }).details ?? {})}`,
      ),
    ].join('\n');
    const forbidden = [
      tls.passphrase,
      tls.clientKeyPem.split('\n')[1] as string,
      'PRIVATE KEY',
      nisPassword,
      Buffer.from(`wu-nis:${nisPassword}`).toString('base64'),
      'MINJI',
      'KIM',
      'JUAN',
      'CRUZ',
      'TESTID998877665',
      '2135550100',
      '9171234567',
      '1 TEST ST',
      commitToken.slice(0, 40),
      '04051990',
    ];
    for (const secret of forbidden) expect(everything, secret).not.toContain(secret);
  });
});
