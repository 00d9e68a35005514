// Every decoder and inbound handler reachable through the packages' public exports, wrapped for fuzzing:
// `run(bytes)` must resolve (a value or a rejection result) or throw a typed WirebridgeError — never another
// error, never hang. Inbound handlers get the headers and socket address that pass their pre-parse checks
// (IP allow-list, Basic auth), so random bytes reach the parsers. Real pushes captured from the simulators are
// the seeds that mutations start from.

import { createPublicKey } from 'node:crypto';
import {
  BILLGATE_TEST_KEY,
  BillgateClient,
  decodeBillgateFrame,
  verifyBillgateChecksum,
} from '@wirebridge/billgate';
import { startBillgateSimulator } from '@wirebridge/billgate/testing';
import {
  CooconClient,
  decodeCooconFrame,
  decodeCooconTelegram,
  encodeCooconFrame,
  encodeCooconTelegram,
  readCooconEnvelope,
} from '@wirebridge/coocon';
import { WirebridgeError } from '@wirebridge/core';
import { decodeTagRecords } from '@wirebridge/core/codec';
import { KiccClient, parseKst } from '@wirebridge/kicc';
import { startKiccSimulator } from '@wirebridge/kicc/testing';
import {
  decodeFileContent,
  parseResponseBody,
  parseZmeFile,
  parseZmFile,
  readZipEntries,
  UnionPayClient,
  type UnionPayClientOptions,
} from '@wirebridge/unionpay';
import { verifyVentajaSignature } from '@wirebridge/ventaja';
import {
  parseDeliveryOptionTemplate,
  parseWesternUnionFault,
  WesternUnionClient,
} from '@wirebridge/western-union';
import { startCaptureEndpoint } from './capture.js';
import { COOCON_EXAMPLE_DEPOSIT } from './coocon-telegrams.js';
import { activeFaysalAccount, creditInput, startBench } from './faysal.js';
import { startUnionPay, UNIONPAY_MERCHANT_ID, UNIONPAY_TEST_PAN } from './unionpay.js';
import { testKeyPair } from './ventaja.js';
import {
  cashQuoteInput,
  startHarness as startWu,
  clientOptions as wuClientOptions,
} from './western-union.js';

export interface FuzzTarget {
  vendor: string;
  name: string;
  /** Valid inputs the mutations start from. */
  seeds: Uint8Array[];
  /** Structured junk worth trying on this target (prototype keys in its own syntax). */
  nasty: Uint8Array[];
  run(bytes: Uint8Array): Promise<unknown>;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

export const PROTO_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"mallId":"T5102001","notiType":"30","__proto__":{"polluted":"yes"},"virtualAccountInfo":{"__proto__":{"polluted":"yes"}}}',
  '{"jsonrpc":"2.0","method":"__proto__","params":{"__proto__":{"polluted":"yes"}},"id":"__proto__"}',
  '[{"__proto__":{"polluted":"yes"}}]',
];
export const PROTO_FORM = [
  '__proto__[polluted]=yes&constructor[prototype][polluted]=yes',
  '__proto__=polluted&constructor=x&prototype=y&hasOwnProperty=1&toString=2',
  'signature=abc&__proto__.polluted=yes&orderId=__proto__',
];
export const PROTO_XML = [
  '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><__proto__><polluted>yes</polluted></__proto__></soapenv:Body></soapenv:Envelope>',
  '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><constructor><prototype><polluted>yes</polluted></prototype></constructor></soapenv:Body></soapenv:Envelope>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
  '<a __proto__="x" constructor="y"><b>1</b></a>',
];
export const PROTO_TEXT = ['__proto__', 'constructor', 'prototype', '{{__proto__}}', `$${'{constructor}'}`];

/** Runs one target: a typed error is fine; anything else is returned as the failure. */
export async function tryTarget(
  target: FuzzTarget,
  bytes: Uint8Array,
  timeoutMs = 2_000,
): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      target.run(bytes).then(
        () => 'ok' as const,
        (error: unknown) => error,
      ),
      hang,
    ]);
    if (outcome === 'hang') return `${target.name}: no answer within ${timeoutMs} ms`;
    if (outcome === 'ok' || outcome instanceof WirebridgeError) return undefined;
    const error = outcome as Error;
    return `${target.name}: ${error?.name ?? typeof error}: ${error?.message ?? String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Notification results must be well-formed: accepted with an event, or a rejection with a known reason. */
function checkResult(result: unknown): unknown {
  const value = result as { accepted?: unknown; rejection?: { reason?: unknown } };
  if (value === null || typeof value !== 'object' || typeof value.accepted !== 'boolean') {
    throw new TypeError(`handle() returned a malformed result: ${JSON.stringify(result)?.slice(0, 200)}`);
  }
  if (!value.accepted) {
    const reasons = [
      'ip_not_allowed',
      'unauthenticated',
      'bad_signature',
      'malformed',
      'unknown_account',
      'stale',
    ];
    if (!reasons.includes(String(value.rejection?.reason))) {
      throw new TypeError(`unknown rejection reason ${String(value.rejection?.reason)}`);
    }
  }
  return result;
}

export async function startFuzzTargets(): Promise<{ targets: FuzzTarget[]; close(): Promise<void> }> {
  const closers: Array<() => Promise<void>> = [];
  const targets: FuzzTarget[] = [];
  try {
    // KICC: webhook JSON (no signature: IP allow-list, then JSON and schema).
    const kiccSimulator = await startKiccSimulator();
    closers.push(() => kiccSimulator.close());
    const kicc = new KiccClient({
      environment: 'production',
      merchantId: 'T5102001',
      secretKey: 'fuzz-secret',
    });
    closers.push(() => kicc.close());
    const kiccSeed =
      '{"resCd":"0000","resMsg":"정상","mallId":"T5102001","notiType":"30","pgCno":"25030110452110000123","shopOrderNo":"RMT-20250301-000123","shopTransactionId":"vai-3f9c2a7e5b1d4c8e9a0b","amount":1500000,"transactionDate":"20250301153012","statusCode":"TS03","statusMessage":"입금완료","payMethodTypeCode":"22","virtualAccountInfo":{"bankCode":"088","bankName":"신한은행","accountNo":"56211040012345","depositName":"와이어브릿지","expiryDate":"20250303235959"},"depositInfo":{"depositDate":"20250301153012","depositAmount":1500000,"depositorName":"홍길동","depositBankCode":"004"}}';
    targets.push({
      vendor: 'kicc',
      name: 'kicc notifications.handle',
      seeds: [utf8(kiccSeed)],
      nasty: PROTO_JSON.map(utf8),
      run: async (bytes) =>
        checkResult(
          await kicc.notifications.handle({
            rawBody: bytes,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            remoteAddress: '203.233.72.150',
          }),
        ),
    });
    targets.push({
      vendor: 'kicc',
      name: 'kicc parseKst',
      seeds: [utf8('20250301153012')],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) => parseKst(Buffer.from(bytes).toString('latin1')),
    });

    // Billgate: the RETURN_URL form (HASH_DATA checked against our order) and the TCP frame decoder.
    const billgateSimulator = await startBillgateSimulator();
    closers.push(() => billgateSimulator.close());
    const billgate = new BillgateClient({
      environment: { host: billgateSimulator.host },
      ports: billgateSimulator.ports,
      serviceId: 'M2103135',
      credentials: { current: BILLGATE_TEST_KEY },
      lookupOrder: () => ({ amount: 1000 }),
    });
    closers.push(() => billgate.close());
    const form = billgateSimulator.preparePayment({ orderId: 'FUZZ-1', orderDate: new Date(), amount: 1000 });
    targets.push({
      vendor: 'billgate',
      name: 'billgate notifications.handle',
      seeds: [form.toFormBody()],
      nasty: PROTO_FORM.map(utf8),
      run: async (bytes) => checkResult(await billgate.notifications.handle({ rawBody: bytes, headers: {} })),
    });
    targets.push({
      vendor: 'billgate',
      name: 'billgate decodeBillgateFrame',
      seeds: [utf8('0048'), utf8(`0100${'A'.repeat(96)}`)],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) => decodeBillgateFrame(bytes, BILLGATE_TEST_KEY),
    });
    targets.push({
      vendor: 'billgate',
      name: 'billgate verifyBillgateChecksum',
      seeds: [utf8('M2103135')],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) => {
        const text = Buffer.from(bytes).toString('latin1');
        return (verifyBillgateChecksum as (...args: unknown[]) => unknown)(text, {
          serviceId: text,
          orderId: text,
          amount: text,
        });
      },
    });

    // Coocon: frame → plaintext → envelope/telegram, and the TCP notification handler.
    const cooconKey = { crypto: { key: 'COOCONTEST' } };
    const cooconPlain = encodeCooconTelegram(COOCON_EXAMPLE_DEPOSIT);
    const cooconFrame = encodeCooconFrame(cooconPlain, cooconKey);
    const coocon = new CooconClient({
      institutionCode: 'WB000001',
      relay: { host: '127.0.0.1', port: 9 },
      crypto: { key: 'COOCONTEST' },
      allowList: ['203.0.113.0/24'],
    });
    closers.push(() => coocon.close());
    targets.push({
      vendor: 'coocon',
      name: 'coocon notifications.handle',
      seeds: [cooconFrame],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) =>
        checkResult(
          await coocon.notifications.handle({ rawBody: bytes, headers: {}, remoteAddress: '203.0.113.7' }),
        ),
    });
    targets.push({
      vendor: 'coocon',
      name: 'coocon decodeCooconFrame',
      seeds: [cooconFrame],
      nasty: [],
      run: async (bytes) => decodeCooconFrame(bytes, cooconKey),
    });
    targets.push({
      vendor: 'coocon',
      name: 'coocon decodeCooconTelegram',
      seeds: [cooconPlain],
      nasty: [],
      run: async (bytes) => decodeCooconTelegram(bytes, cooconKey),
    });
    targets.push({
      vendor: 'coocon',
      name: 'coocon readCooconEnvelope',
      seeds: [cooconPlain],
      nasty: [],
      run: async (bytes) => readCooconEnvelope(bytes, cooconKey),
    });

    // Faysal: signed JSON push (the signature is checked on the raw bytes first).
    const bench = await startBench();
    closers.push(() => bench.close());
    const faysalCapture = await startCaptureEndpoint('/faysal/notifications');
    closers.push(() => faysalCapture.close());
    const credit = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(credit);
    await bench.simulator.notify({
      url: faysalCapture.url,
      partnerReference: credit.partnerReference,
      status: 'COMPLETED',
    });
    const faysalSeed = faysalCapture.requests[0];
    targets.push({
      vendor: 'faysal',
      name: 'faysal notifications.handle',
      seeds: faysalSeed ? [toBytes(faysalSeed.rawBody)] : [],
      nasty: PROTO_JSON.map(utf8),
      run: async (bytes) =>
        checkResult(
          await bench.client.notifications.handle({
            rawBody: bytes,
            headers: faysalSeed?.headers ?? {},
            remoteAddress: '127.0.0.1',
          }),
        ),
    });

    // Western Union: NIS SOAP push (Basic auth and IP pass, so every byte reaches the XML parser).
    const wu = await startWu();
    closers.push(() => wu.close());
    const wuCapture = await startCaptureEndpoint('/wu/nis');
    closers.push(() => wuCapture.close());
    const quote = await wu.client.transfers.quote(cashQuoteInput());
    await wu.client.transfers.send({ commitToken: quote.commitToken });
    wu.simulator.state.pay(quote.mtcn);
    const basicAuth = { username: 'wu-nis', password: 'test-only-nis-password' };
    await wu.simulator
      .sendNotification({ mtcn: quote.mtcn, type: 'BIS003', to: wuCapture.url, basicAuth })
      .catch(() => undefined);
    const wuSeed = wuCapture.requests[0];
    const wuClient = new WesternUnionClient(wuClientOptions(wu.simulator));
    closers.push(() => wuClient.close());
    const authorization = `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`;
    targets.push({
      vendor: 'western-union',
      name: 'western-union notifications.handle',
      seeds: wuSeed ? [toBytes(wuSeed.rawBody)] : [],
      nasty: PROTO_XML.map(utf8),
      run: async (bytes) =>
        checkResult(
          await wuClient.notifications.handle({
            rawBody: bytes,
            headers: { ...(wuSeed?.headers ?? {}), authorization },
            remoteAddress: '127.0.0.1',
          }),
        ),
    });
    targets.push({
      vendor: 'western-union',
      name: 'western-union parseWesternUnionFault',
      seeds: PROTO_XML.slice(0, 1).map(utf8),
      nasty: PROTO_XML.map(utf8),
      run: async (bytes) =>
        (parseWesternUnionFault as (...args: unknown[]) => unknown)(Buffer.from(bytes).toString('utf8')),
    });
    targets.push({
      vendor: 'western-union',
      name: 'western-union parseDeliveryOptionTemplate',
      seeds: [utf8('1|M,16,AN\n2|O,40,A')],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) =>
        parseDeliveryOptionTemplate(
          Buffer.from(bytes)
            .toString('utf8')
            .split('\n')
            .map((line) => {
              const [index = '', description = ''] = line.split('|');
              return { T_INDEX: index, DESCRIPTION: description };
            }),
        ),
    });

    // UnionPay: signed back notification (form), response bodies, settlement files.
    const unionPaySimulator = await startUnionPay({ notificationDelaysMs: [10] } as never);
    closers.push(() => unionPaySimulator.close());
    const unionPayCapture = await startCaptureEndpoint('/unionpay/back');
    closers.push(() => unionPayCapture.close());
    const unionPay = new UnionPayClient({
      ...(unionPaySimulator.clientOptions(UNIONPAY_MERCHANT_ID) as UnionPayClientOptions),
      backUrl: unionPayCapture.url,
      resolverDelaysMs: [20, 40],
    });
    closers.push(() => unionPay.close());
    await unionPay.payouts.create({
      orderId: `F${Date.now()}0001`,
      amount: 8_800,
      currency: 'CNY',
      pan: UNIONPAY_TEST_PAN,
      holder: { name: 'Park' },
    });
    for (let wait = 0; wait < 200 && unionPayCapture.requests.length === 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const unionPaySeed = unionPayCapture.requests[0];
    targets.push({
      vendor: 'unionpay',
      name: 'unionpay notifications.handle',
      seeds: unionPaySeed ? [toBytes(unionPaySeed.rawBody)] : [],
      nasty: PROTO_FORM.map(utf8),
      run: async (bytes) =>
        checkResult(
          await unionPay.notifications.handle({
            rawBody: bytes,
            headers: unionPaySeed?.headers ?? {},
            remoteAddress: '127.0.0.1',
          }),
        ),
    });
    targets.push({
      vendor: 'unionpay',
      name: 'unionpay parseResponseBody',
      seeds: unionPaySeed ? [toBytes(unionPaySeed.rawBody)] : [],
      nasty: [...PROTO_FORM, ...PROTO_JSON].map(utf8),
      run: async (bytes) => {
        const fields = parseResponseBody(bytes, 'UTF-8' as never);
        if (Object.getPrototypeOf(fields) !== Object.prototype && Object.getPrototypeOf(fields) !== null) {
          throw new TypeError('parseResponseBody returned an object with a foreign prototype');
        }
        return fields;
      },
    });
    targets.push({
      vendor: 'unionpay',
      name: 'unionpay decodeFileContent',
      seeds: [utf8('eJwLycgsVgCi4tzUVIWS1OISAEsGB38=')],
      nasty: [],
      run: async (bytes) => decodeFileContent(Buffer.from(bytes).toString('latin1')),
    });
    targets.push({
      vendor: 'unionpay',
      name: 'unionpay readZipEntries',
      seeds: [new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])],
      nasty: [],
      run: async (bytes) => readZipEntries(Buffer.from(bytes)),
    });
    for (const [name, parse] of [
      ['unionpay parseZmFile', parseZmFile],
      ['unionpay parseZmeFile', parseZmeFile],
    ] as const) {
      targets.push({
        vendor: 'unionpay',
        name,
        seeds: [utf8(`${'0'.repeat(200)}\r\n`)],
        nasty: PROTO_TEXT.map(utf8),
        run: async (bytes) =>
          (parse as (...args: unknown[]) => unknown)(Buffer.from(bytes), {
            settlementDate: new Date('2016-06-01T00:00:00+08:00'),
          }),
      });
    }

    // Ventaja: the only inbound-bytes entry point it exports is the signature check of a reply body (it has no
    // notifications); random bodies and random base64 signatures must give false, never throw untyped.
    const ventajaKey = createPublicKey(testKeyPair().publicKeyPem);
    targets.push({
      vendor: 'ventaja',
      name: 'ventaja verifyVentajaSignature',
      seeds: [utf8('{"responseCode":"000","agentRefNo":"WB1"}')],
      nasty: PROTO_JSON.map(utf8),
      run: async (bytes) => {
        const half = Math.floor(bytes.length / 2);
        return verifyVentajaSignature(
          Buffer.from(bytes.slice(0, half)),
          Buffer.from(bytes.slice(half)).toString('base64'),
          ventajaKey,
        );
      },
    });

    // Core codec shared by the TCP vendors.
    targets.push({
      vendor: 'core',
      name: 'core decodeTagRecords',
      seeds: [utf8('1001000005ABCDE0012000003XYZ')],
      nasty: PROTO_TEXT.map(utf8),
      run: async (bytes) => decodeTagRecords(bytes),
    });
  } catch (error) {
    await Promise.allSettled(closers.reverse().map((close) => close()));
    throw error;
  }
  return {
    targets,
    close: async () => {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}

function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? utf8(body) : body;
}
