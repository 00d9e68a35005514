import { createPrivateKey, sign } from 'node:crypto';
import { Agent } from 'node:http';
import { createHttpTransport } from '@wirebridge/core';
import { FaysalClient, rsaSha256Signer } from '@wirebridge/faysal';
import jayson from 'jayson';
import { bodyBytes, captureRequests } from '../harness/capturing-transport.js';
import { heapPerInFlightKiB } from '../harness/heap-probe.js';
import { compareInterleaved } from '../harness/interleaved-comparison.js';
import { type CaseReport, comparisonRow } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { startSimulatorProcess } from '../simulators/simulator-process.js';

/** FaysalClient's pool size; the jayson agent gets the same. */
const FAYSAL_MAX_SOCKETS = 10;

interface FaysalInfo {
  baseUrl: string;
  bankPublicKeyPem: string;
  partnerKeys: { privateKeyPem: string; publicKeyPem: string };
  accounts: { iban: string; status: string }[];
}

/**
 * Case 2: Faysal `account.titleFetch` (safe) through FaysalClient vs a raw jayson HTTP client sending the same
 * JSON-RPC request. Two baselines:
 * - "replay": the captured body and signature headers, unchanged (transport cost only; the simulator answers
 *   identical bytes from its response cache, spec §9);
 * - "+sign": the same body re-signed per call with node:crypto, the least a hand-written client must do, since
 *   every Faysal request is RSA-signed (the SDK also verifies the reply's signature; jayson does not expose the
 *   raw reply bytes, so this baseline cannot).
 */
export async function runJsonRpcCase(settings: RunSettings): Promise<CaseReport> {
  const simulator = await startSimulatorProcess('faysal');
  const info = simulator.info as unknown as FaysalInfo;
  const account = info.accounts.find((candidate) => candidate.status === 'ACTIVE')!;
  const clientOptions = {
    environment: 'sandbox' as const,
    baseUrls: { sandbox: info.baseUrl },
    allowInsecureHttp: true,
    partnerId: 'WIREBRIDGE01',
    // One STAN sequence for the capture client and the measured one: each client would otherwise restart at
    // 000001 and the bank would refuse the second `rrn` as a duplicate (0110).
    stanSource: createCountingStanSource(),
    signer: rsaSha256Signer({
      privateKey: info.partnerKeys.privateKeyPem,
      bankPublicKeys: [info.bankPublicKeyPem],
    }),
  };
  const titleFetchInput = {
    account: account.iban,
    amount: { amount: 500_000, currency: 'PKR' },
    purposeCode: '0251',
  };

  const capture = captureRequests(createHttpTransport({ baseUrl: info.baseUrl, vendor: 'faysal' }));
  const capturingClient = new FaysalClient({ ...clientOptions, transport: capture });
  await capturingClient.accounts.titleFetch(titleFetchInput);
  const request = capture.lastRequest();
  await capturingClient.close();

  const client = new FaysalClient(clientOptions);
  const agent = new Agent({ keepAlive: true, maxSockets: FAYSAL_MAX_SOCKETS });
  const body = bodyBytes(request);
  const envelope = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const url = new URL(request.path, info.baseUrl);
  const jaysonClient = (headers: Record<string, string>) =>
    jayson.client.http({
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers,
      agent,
    });
  const replayClient = jaysonClient({ ...request.headers });
  const privateKey = createPrivateKey(info.partnerKeys.privateKeyPem);
  const keyId = request.headers?.['X-Api-Key'] ?? '';
  const unsignedHeaders = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([name]) => !/^x-api-(key|signature)$/i.test(name)),
  );

  const sdkCall = () => client.accounts.titleFetch(titleFetchInput);
  const replayCall = () => sendRaw(replayClient, envelope);
  // jayson fixes headers per client, so the signing baselines build a client per call: a few object
  // allocations that only make the baselines slower.
  const signingCall = () => {
    // jayson serializes `envelope` with JSON.stringify, the same bytes as `body` (checked below).
    const signature = sign('RSA-SHA256', body, privateKey).toString('base64');
    const signedClient = jaysonClient({
      ...unsignedHeaders,
      'X-Api-Key': keyId,
      'X-Api-Signature': signature,
    });
    return sendRaw(signedClient, envelope);
  };
  // What a hand-written client does per call: a fresh rrn/stan (so the bank executes it like the SDK's call
  // instead of answering from its replay cache), serialize, sign. It serializes twice (once to sign, once in
  // jayson), which only makes the baseline slower.
  let freshSequence = 500_000;
  const freshCall = () => {
    const stan = String(freshSequence++).padStart(6, '0');
    const wireInfo = (envelope.params as { info: Record<string, string> }).info;
    const fresh = {
      ...envelope,
      id: `${envelope.id}-${stan}`,
      params: {
        ...(envelope.params as object),
        info: { ...wireInfo, stan, rrn: `${wireInfo.rrn!.slice(0, 6)}${stan}` },
      },
    };
    const signature = sign('RSA-SHA256', Buffer.from(JSON.stringify(fresh), 'utf8'), privateKey).toString(
      'base64',
    );
    const signedClient = jaysonClient({
      ...unsignedHeaders,
      'X-Api-Key': keyId,
      'X-Api-Signature': signature,
    });
    return sendRaw(signedClient, fresh);
  };

  const sameBytes = JSON.stringify(envelope) === body.toString('utf8');
  await replayCall();
  try {
    const comparison = await compareInterleaved({
      sdk: sdkCall,
      baselines: [replayCall, signingCall, freshCall],
      rounds: settings.rounds,
      batchSize: settings.batchSize,
      warmupCalls: settings.warmupCalls,
    });
    const hold = (holdMs: number) => simulator.command<void>('holdRequests', holdMs, FAYSAL_MAX_SOCKETS);
    const heapSdk = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: sdkCall,
    });
    const heapReplay = await heapPerInFlightKiB({
      calls: settings.heapProbeCalls,
      holdOnServer: hold,
      call: replayCall,
    });
    return {
      rows: [
        comparisonRow({
          caseName: 'JSON-RPC: Faysal titleFetch vs jayson replay',
          comparison,
          baselineIndex: 0,
          heapKiB: { sdk: heapSdk, baseline: heapReplay },
          ratioBudget: 1.25,
        }),
        comparisonRow({
          caseName: 'JSON-RPC: Faysal titleFetch vs jayson +RSA sign',
          comparison,
          baselineIndex: 1,
          ratioBudget: 1.25,
        }),
        comparisonRow({
          caseName: 'JSON-RPC: Faysal titleFetch vs jayson fresh rrn +sign',
          comparison,
          baselineIndex: 2,
          ratioBudget: 1.25,
        }),
      ],
      notes: [
        `JSON-RPC (Faysal): titleFetch, ${body.length} B signed body; jayson re-serializes the captured envelope to ${sameBytes ? 'the same bytes' : 'DIFFERENT bytes (check)'}; keep-alive agent maxSockets ${FAYSAL_MAX_SOCKETS} like the SDK.`,
        'JSON-RPC (Faysal): the SDK signs each request and verifies each reply (RSA-2048, node:crypto). Baselines: "replay" = same bytes and signature (no client crypto; the simulator answers identical bytes from its replay cache); "+RSA sign" = same bytes re-signed per call (still cached on the server); "fresh rrn +sign" = new rrn/stan, serialized and signed per call, so the simulator executes it exactly as it does the SDK\'s call. The last is the fair one for the budget; none verifies the reply signature (jayson hides the raw bytes; ~22 µs).',
      ],
    };
  } finally {
    await client.close();
    agent.destroy();
    await simulator.close();
  }
}

function createCountingStanSource() {
  let sequence = 0;
  return { next: async () => String((sequence++ % 999_999) + 1).padStart(6, '0') };
}

/**
 * Sends a prebuilt request object with jayson's callback client (its "raw request" form keeps our id and key
 * order). JSON-RPC errors arrive as values: a baseline that silently got one would measure the wrong path.
 */
function sendRaw(client: jayson.HttpClient, envelope: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.request(
      envelope as never,
      ((error: Error | null, reply: { error?: unknown; result?: unknown }) => {
        if (error) reject(error);
        else if (reply.error !== undefined)
          reject(new Error(`jayson baseline got an error: ${JSON.stringify(reply.error)}`));
        else resolve(reply.result);
      }) as never,
    );
  });
}
