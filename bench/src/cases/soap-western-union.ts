import { Agent } from 'node:http';
import { join } from 'node:path';
import { DEFAULT_WSDL_FILES, WesternUnionClient, type WuQuoteInput } from '@wirebridge/western-union';
import axios from 'axios';
import * as soap from 'soap';
import { heapPerInFlightKiB } from '../harness/heap-probe.js';
import { compareInterleaved } from '../harness/interleaved-comparison.js';
import { type CaseReport, comparisonRow } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { startSimulatorProcess } from '../simulators/simulator-process.js';

/** The SOAP factory's pool size for WU (western-union-transport.ts); the baselines get the same. */
const WU_MAX_SOCKETS = 10;

interface WesternUnionInfo {
  url: string;
  endpoints: Record<string, string>;
  wsdlDir: string;
  /** The fault proxy in front of the simulator, for the heap probe. */
  proxyUrl: string;
}

const partner = { identifier: 'WGQTEST0001', counterId: 'US125TEST1T', channelName: 'WIREBRIDGE' };

const quoteInput: WuQuoteInput = {
  reference: 'WBBENCH0001',
  destination: { country: 'PH', currency: 'PHP' },
  amount: { send: 20_000 },
  deliveryService: '000',
  sender: {
    name: { first: 'MINJI', last: 'KIM' },
    address: { line1: '1 TEST ST', city: 'LOS ANGELES', country: 'US' },
    mobilePhone: { countryCode: '1', nationalNumber: '2135550100' },
  },
  receiver: {
    name: { first: 'JUAN', last: 'CRUZ' },
    mobilePhone: { countryCode: '63', nationalNumber: '9171234567' },
  },
};

/** The three ways of asking PayStatus, all aimed at one origin (the simulator, or the probe's proxy). */
interface StatusCallers {
  readonly sdkCall: () => Promise<unknown>;
  readonly soapCall: () => Promise<unknown>;
  readonly postCall: () => Promise<unknown>;
  /** Bytes of the envelope the raw soap client serialized. */
  readonly soapEnvelopeBytes: number;
  close(): Promise<void>;
}

/** Moves every endpoint URL to `origin`, keeping paths: how the probe's clients reach the proxy. */
const atOrigin = (endpoints: Record<string, string>, origin: string) =>
  Object.fromEntries(
    Object.entries(endpoints).map(([service, url]) => [service, `${origin}${new URL(url).pathname}`]),
  );

async function createStatusCallers(input: {
  info: WesternUnionInfo;
  origin: string;
  mtcn: string;
  envelope: { body: string; soapAction: string; contentType: string };
}): Promise<StatusCallers> {
  const { info, mtcn } = input;
  const endpoints = atOrigin(info.endpoints, input.origin);
  const client = new WesternUnionClient({
    environment: 'uat',
    wsdlDir: info.wsdlDir,
    endpoints: endpoints as never,
    partner,
    origin: { country: 'US', currency: 'USD' },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: WU_MAX_SOCKETS });
  const endpoint = endpoints.status!;
  const soapClient = await soap.createClientAsync(join(info.wsdlDir, DEFAULT_WSDL_FILES.status), {
    endpoint,
    escapeXML: true,
    wsdl_options: { httpAgent: agent },
  });
  // The arguments the SDK builds for PayStatus (buildPayStatusRequest), written out: the raw client must
  // serialize the same document.
  const statusArguments = {
    channel: { type: 'H2H', name: partner.channelName, version: '9500' },
    mtcn,
    foreign_remote_system: {
      identifier: partner.identifier,
      reference_no: `ST${mtcn}`,
      counter_id: partner.counterId,
    },
  };
  const soapOptions = { httpAgent: agent, headers: { SOAPAction: '""' } };
  const rawHttp = axios.create({ httpAgent: agent, proxy: false });
  const envelope = Buffer.from(input.envelope.body, 'utf8');
  const postHeaders = { 'Content-Type': input.envelope.contentType, SOAPAction: input.envelope.soapAction };
  const callers = {
    sdkCall: () => client.transfers.status({ mtcn }),
    soapCall: () => soapClient.PayStatusAsync(statusArguments, soapOptions),
    postCall: () => rawHttp.post(endpoint, envelope, { headers: postHeaders, responseType: 'text' }),
  };
  // One call each loads the SDK's WSDL and opens sockets, so nothing lazy happens inside a measurement.
  await callers.sdkCall();
  await callers.soapCall();
  await callers.postCall();
  return {
    ...callers,
    soapEnvelopeBytes: Buffer.byteLength(String(soapClient.lastRequest ?? '')),
    async close() {
      await client.close();
      agent.destroy();
    },
  };
}

/**
 * Case 4: Western Union PayStatus (safe) over plain HTTP to the simulator (its `tls: 'none'` mode, so TLS cost
 * does not dominate), three ways: WesternUnionClient; the raw `soap` client built from the same WSDL file with
 * the same arguments; and a raw HTTP POST (axios) of the exact envelope the SDK sent, read back from the
 * simulator's request log. A transfer is quoted and sent first so the status finds it. The heap probe uses a
 * second set of the same callers aimed at a fault proxy in the simulator process, which holds the replies.
 */
export async function runSoapCase(settings: RunSettings): Promise<CaseReport> {
  const simulator = await startSimulatorProcess('western-union');
  const info = simulator.info as unknown as WesternUnionInfo;
  const setupClient = new WesternUnionClient({
    environment: 'uat',
    wsdlDir: info.wsdlDir,
    endpoints: info.endpoints as never,
    partner,
    origin: { country: 'US', currency: 'USD' },
  });
  const opened: StatusCallers[] = [];
  try {
    const quote = await setupClient.transfers.quote(quoteInput);
    const { mtcn } = await setupClient.transfers.send({ commitToken: quote.commitToken });
    await setupClient.transfers.status({ mtcn });
    const envelope = await simulator.command<{ body: string; soapAction: string; contentType: string }>(
      'lastRequest',
    );
    await setupClient.close();

    const direct = await createStatusCallers({ info, origin: info.url, mtcn, envelope });
    opened.push(direct);
    const comparison = await compareInterleaved({
      sdk: direct.sdkCall,
      baselines: [direct.soapCall, direct.postCall],
      rounds: settings.rounds,
      batchSize: settings.batchSize,
      warmupCalls: settings.warmupCalls,
    });

    const held = await createStatusCallers({ info, origin: info.proxyUrl, mtcn, envelope });
    opened.push(held);
    const probe = (call: () => Promise<unknown>) =>
      heapPerInFlightKiB({
        calls: settings.heapProbeCalls,
        holdOnServer: (holdMs) => simulator.command<void>('holdRequests', holdMs),
        call,
      });
    const heapSdk = await probe(held.sdkCall);
    const heapSoap = await probe(held.soapCall);
    const heapPost = await probe(held.postCall);
    return {
      rows: [
        comparisonRow({
          caseName: 'SOAP: WU PayStatus vs raw soap client',
          comparison,
          baselineIndex: 0,
          heapKiB: { sdk: heapSdk, baseline: heapSoap },
          ratioBudget: 1.25,
        }),
        comparisonRow({
          caseName: 'SOAP: WU PayStatus vs raw HTTP POST',
          comparison,
          baselineIndex: 1,
          heapKiB: { sdk: heapSdk, baseline: heapPost },
        }),
      ],
      notes: [
        `SOAP (Western Union): PayStatus over plain HTTP (simulator tls: 'none'); SDK envelope ${Buffer.byteLength(envelope.body)} B, raw soap client envelope ${direct.soapEnvelopeBytes} B (same WSDL and arguments), raw POST replays the SDK's envelope. Keep-alive, maxSockets ${WU_MAX_SOCKETS} everywhere. DESIGN §10 budgets only the ratio to the soap client; the POST row shows what SOAP machinery costs at all.`,
        "SOAP (Western Union): the heap probe holds replies in core's fault proxy (latency fault, simulator process), since the WU simulator's `delay` fault drops the connection instead of answering late.",
      ],
    };
  } finally {
    await setupClient.close();
    for (const callers of opened) await callers.close();
    await simulator.close();
  }
}
