import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import { VentajaClient, type VentajaClientOptions } from '../../src/index.js';
import { sharedFixturesDirectory } from '../support.js';

const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const base: VentajaClientOptions = {
  environment: 'sandbox',
  credentials: { outletId: '100000000001', uid: 'api', password: 'config-test-password' },
  signing: { privateKeyPem },
};

const configErrorOf = (options: VentajaClientOptions) => {
  try {
    new VentajaClient(options);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('client options (spec §3, §5)', () => {
  it('accepts the sandbox defaults and a PKCS#12 key', async () => {
    await new VentajaClient(base).close();
    const pfx = readFileSync(join(sharedFixturesDirectory, 'unionpay/acp_test_sign.pfx'));
    await new VentajaClient({ ...base, signing: { pfx, passphrase: '000000' } }).close();
  });

  it('requires hosts.bills in production', () => {
    expect(configErrorOf({ ...base, environment: 'production' })).toBeInstanceOf(ConfigError);
  });

  it('refuses http: without allowInsecureHttp, and the legacy plain-HTTP host always', () => {
    const http = configErrorOf({
      ...base,
      environment: 'production',
      hosts: { bills: 'http://127.0.0.1:1/unified/api' },
    });
    expect(http).toBeInstanceOf(ConfigError);
    const legacy = configErrorOf({
      ...base,
      environment: 'production',
      allowInsecureHttp: true,
      hosts: { bills: 'http://121.58.224.179/VentajaAPI/api' },
    });
    expect(legacy).toBeInstanceOf(ConfigError);
    expect(String((legacy as Error).message)).toContain('legacy');
  });

  it('names the bad option and never echoes a secret', () => {
    const error = configErrorOf({
      ...base,
      credentials: { ...base.credentials, outletId: 'outlet-x' },
    }) as Error;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('credentials.outletId');
    const wrongPassphrase = configErrorOf({
      ...base,
      signing: {
        pfx: readFileSync(join(sharedFixturesDirectory, 'unionpay/acp_test_sign.pfx')),
        passphrase: 'not-the-passphrase',
      },
    }) as Error;
    expect(wrongPassphrase).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(wrongPassphrase) + wrongPassphrase.message).not.toContain('not-the-passphrase');
    const badPem = configErrorOf({
      ...base,
      signing: { privateKeyPem: '-----BEGIN PRIVATE KEY-----\nsecretstuff\n-----END PRIVATE KEY-----' },
    }) as Error;
    expect(badPem).toBeInstanceOf(ConfigError);
    expect(badPem.message).not.toContain('secretstuff');
  });

  it('an e-load call without an e-load host in production fails with ConfigError before sending', async () => {
    const client = new VentajaClient({
      ...base,
      environment: 'production',
      hosts: { bills: 'https://bills.example.invalid/api' },
    });
    await expect(client.eload.prefixes()).rejects.toBeInstanceOf(ConfigError);
    await client.close();
  });
});
