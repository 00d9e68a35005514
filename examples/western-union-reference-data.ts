// DAS reference data: every page of countries, delivery services of a corridor, and the wallet template that
// drives the receiver/KYC fields.
// Run: pnpm example western-union-reference-data.ts (mTLS simulator), or set the WU_* variables of western-union-send.ts.
import { connectWesternUnion } from './src/western-union/western-union-connection.js';

const connection = await connectWesternUnion();
try {
  const { client } = connection;
  console.log(`Talking to ${connection.target}`);
  let count = 0;
  for await (const country of client.referenceData.countriesCurrencies()) {
    count += 1;
    console.log(`  ${country.country} ${country.currency}  ${country.countryName}`);
  }
  console.log(`${count} destination countries`);
  const services = await client.referenceData.deliveryServices({ country: 'PH', currency: 'PHP' });
  for (const service of services)
    console.log(`delivery service ${service.code} template ${service.templateCode ?? '-'}`);
  const wallet = services.find((service) => service.templateCode !== undefined);
  if (wallet?.templateCode !== undefined) {
    const template = await client.referenceData.deliveryOptionTemplate({
      country: 'PH',
      currency: 'PHP',
      templateCode: wallet.templateCode,
    });
    for (const field of template.fields) {
      const options = field.options?.map((option) => option.code).join('|') ?? '';
      console.log(
        `  ${field.required ? 'required' : 'optional'} ${field.xpath} (${field.inputType} ≤${field.maxLength}) ${options}`,
      );
    }
  }
} finally {
  await connection.close();
}
