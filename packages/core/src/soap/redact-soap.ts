import { REDACTED, redactText } from '../observability/index.js';
import type { SoapExchangeText } from './soap-types.js';

/** Options of {@link redactSoapText}. */
export interface SoapRedactionOptions {
  /**
   * Local names of elements whose whole content (text or child elements) is replaced by `[REDACTED]`, whatever their
   * prefix: the personal data of a vendor's messages (`first_name`, `address`, `id_number`, …). Names compare exactly.
   * @default none (only what `redactText` recognises on its own)
   */
  elements?: readonly string[];
}

const elementNamePattern = /^[A-Za-z_][\w.-]*$/;

/**
 * Redacts a raw SOAP envelope for logs, error reports and recorded contract fixtures (DESIGN §7): first the
 * content of every listed element, then what core's `redactText` finds on its own (card numbers, secret-named
 * elements such as `<Password>`, private keys, credentials). Never throws.
 */
export function redactSoapText(text: string, options: SoapRedactionOptions = {}): string {
  let result = typeof text === 'string' ? text : String(text);
  for (const name of options.elements ?? []) {
    if (typeof name !== 'string' || !elementNamePattern.test(name)) continue;
    const escaped = name.replace(/[.]/g, '\\.');
    // `<p:name attr="…">…</p:name>`, content up to the nearest matching close tag.
    const element = new RegExp(`<((?:[\\w.-]+:)?${escaped})(\\s[^<>]*)?>[\\s\\S]*?</\\1\\s*>`, 'g');
    result = result.replace(
      element,
      (_match, qualified: string, attributes: string | undefined) =>
        `<${qualified}${attributes ?? ''}>${REDACTED}</${qualified}>`,
    );
  }
  return redactText(result);
}

/** {@link redactSoapText} applied to both texts of an exchange; the status is kept. */
export function redactSoapExchange<TExchange extends SoapExchangeText>(
  exchange: TExchange,
  options: SoapRedactionOptions = {},
): TExchange {
  return {
    ...exchange,
    rawRequest: redactSoapText(exchange.rawRequest, options),
    rawResponse: redactSoapText(exchange.rawResponse, options),
  };
}
