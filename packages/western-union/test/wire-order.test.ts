import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** The inner XML of the request root as it went over the wire. */
function rootContent(body: string, root: string): string {
  const match = new RegExp(`<(?:[\\w]+:)?${root}[^>]*>([\\s\\S]*)</(?:[\\w]+:)?${root}>`).exec(body);
  if (!match) throw new Error(`no ${root} in ${body.slice(0, 200)}`);
  return match[1] as string;
}

describe('request bytes follow the XSD sequence of spec §4', () => {
  it('writes send-money-validation-request exactly as the spec §4.8 example', async () => {
    await harness.client.transfers.quote({
      reference: 'WB0001A7K2',
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
    });
    const sent = harness.simulator.state.requests().find((request) => request.service === 'validation');
    // spec §4.8, with the whitespace between elements removed.
    const expected =
      `<device><type>WEB</type></device><channel><type>H2H</type><name>WIREBRIDGE</name><version>9500</version></channel>
  <sender><name name_type="D"><first_name>MINJI</first_name><last_name>KIM</last_name></name>
   <address><addr_line1>1 TEST ST</addr_line1><city>LOS ANGELES</city><country_code><iso_code><country_code>US</country_code><currency_code>USD</currency_code></iso_code></country_code></address>
   <mobile_phone><phone_number><country_code>1</country_code><national_number>2135550100</national_number></phone_number></mobile_phone></sender>
  <receiver><name name_type="D"><first_name>JUAN</first_name><last_name>CRUZ</last_name></name>
   <mobile_phone><phone_number><country_code>63</country_code><national_number>9171234567</national_number></phone_number></mobile_phone></receiver>
  <payment_details><recording_country_currency><iso_code><country_code>US</country_code><currency_code>USD</currency_code></iso_code></recording_country_currency>
   <destination_country_currency><iso_code><country_code>PH</country_code><currency_code>PHP</currency_code></iso_code></destination_country_currency>
   <originating_country_currency><iso_code><country_code>US</country_code><currency_code>USD</currency_code></iso_code></originating_country_currency>
   <transaction_type>WMN</transaction_type><payment_type>Cash</payment_type><duplicate_detection_flag>D</duplicate_detection_flag></payment_details>
  <financials><originators_principal_amount>20000</originators_principal_amount></financials>
  <delivery_services><code>000</code></delivery_services>
  <foreign_remote_system><identifier>WGQTEST0001</identifier><reference_no>WB0001A7K2</reference_no><counter_id>US125TEST1T</counter_id></foreign_remote_system>
  <partner_info_buffer><partner_notification><notification_requested>Y</notification_requested></partner_notification></partner_info_buffer>`.replace(
        />\s+</g,
        '><',
      );
    expect(rootContent(sent?.body ?? '', 'send-money-validation-request')).toBe(expected);
    expect(sent?.soapAction).toBe('""');
    expect(sent?.contentType).toBe('text/xml; charset=utf-8');
  });
});

/** Names of the direct children of the request root, in wire order. */
function topLevelNames(body: string, root: string): string[] {
  const content = rootContent(body, root);
  const names: string[] = [];
  let depth = 0;
  for (const match of content.matchAll(/<(\/?)([\w.-]+)[^>]*?(\/?)>/g)) {
    if (match[1] === '/') depth -= 1;
    else {
      if (depth === 0) names.push(match[2] as string);
      if (match[3] !== '/') depth += 1;
    }
  }
  return names;
}

describe('store, status, search and cancel sequences', () => {
  it('orders the store request as spec §4.3, wallet_details ahead of payment_details', async () => {
    const quote = await harness.client.transfers.quote({
      reference: 'WBWALLETORDER1',
      destination: { country: 'PH', currency: 'PHP' },
      amount: { send: 20_000 },
      deliveryService: '800',
      walletProviderCode: 'GCASH',
      sender: { name: { first: 'TEST', last: 'SENDER' } },
      receiver: {
        name: { first: 'TEST', last: 'RECEIVER' },
        mobilePhone: { countryCode: '63', nationalNumber: '9170000000' },
        reasonForSending: 'FAMILY SUPPORT',
      },
    });
    const validation = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'validation')
      .at(-1);
    expect(topLevelNames(validation?.body ?? '', 'send-money-validation-request')).toEqual([
      'device',
      'channel',
      'sender',
      'receiver',
      'payment_details',
      'financials',
      'delivery_services',
      'wallet_details',
      'foreign_remote_system',
      'partner_info_buffer',
    ]);
    await harness.client.transfers.send({ commitToken: quote.commitToken });
    const store = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'store')
      .at(-1);
    expect(topLevelNames(store?.body ?? '', 'send-money-store-request')).toEqual([
      'device',
      'channel',
      'instant_notification',
      'sender',
      'receiver',
      'wallet_details',
      'payment_details',
      'financials',
      'delivery_services',
      'mtcn',
      'new_mtcn',
      'foreign_remote_system',
      'partner_info_buffer',
    ]);
    // The validation reply's blocks travel verbatim (spec §4.2): the opaque service-charge string included.
    expect(store?.body).toContain('<addl_service_charges>01030000');
    expect(store?.body).toContain(`<mtcn>${quote.mtcn}</mtcn><new_mtcn>${quote.newMtcn}</new_mtcn>`);

    await harness.client.transfers.status({ mtcn: quote.mtcn });
    const status = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'status')
      .at(-1);
    expect(topLevelNames(status?.body ?? '', 'pay-status-inquiry-request-data')).toEqual([
      'channel',
      'mtcn',
      'foreign_remote_system',
    ]);

    await harness.client.transfers.cancel({ mtcn: quote.mtcn, comments: ['CUSTOMER REQUEST'] });
    const search = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'search')
      .at(-1);
    expect(topLevelNames(search?.body ?? '', 'search-request')).toEqual([
      'device',
      'channel',
      'foreign_remote_system',
      'payment_transaction',
      'search_flag',
      'partner_info_buffer',
    ]);
    expect(search?.body).toContain('<search_flag>CANCEL_SEND</search_flag>');
    expect(search?.body).toContain('<device><type>AGENT</type></device>');
    const cancel = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'cancel')
      .at(-1);
    expect(topLevelNames(cancel?.body ?? '', 'cancel-send-request')).toEqual([
      'device',
      'channel',
      'reason_for_redelivery',
      'mtcn',
      'database_key',
      'comments_data',
      'disallow_traffic_flag',
      'foreign_remote_system',
    ]);
    expect(cancel?.body).toContain('<reason_for_redelivery>WIC</reason_for_redelivery>');
  });

  it('writes the DAS request as spec §4.5 with reference_no N/A', async () => {
    await harness.client.referenceData.deliveryServices({ country: 'PH', currency: 'PHP' });
    const das = harness.simulator.state
      .requests()
      .filter((request) => request.service === 'das')
      .at(-1);
    expect(topLevelNames(das?.body ?? '', 'h2h-das-request')).toEqual([
      'channel',
      'foreign_remote_system',
      'name',
      'filters',
    ]);
    expect(das?.body).toContain(
      '<foreign_remote_system><identifier>WGQTEST0001</identifier><counter_id>US125TEST1T</counter_id><reference_no>N/A</reference_no></foreign_remote_system>',
    );
    expect(das?.body).toContain(
      '<filters><queryfilter1>en</queryfilter1><queryfilter2>US USD</queryfilter2><queryfilter3>PH PHP</queryfilter3><queryfilter4>ALL</queryfilter4></filters>',
    );
  });
});
