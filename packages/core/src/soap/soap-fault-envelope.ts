import type { SoapFault } from './soap-types.js';

const soapEnvelopeNamespace = 'http://schemas.xmlsoap.org/soap/envelope/';
const prefixPattern = /^[A-Za-z_][\w.-]*$/;

/** Options of {@link buildSoapFaultEnvelope}. */
export interface SoapFaultEnvelopeOptions {
  /** Prefix bound to the SOAP 1.1 envelope namespace. @default 'soapenv' */
  envelopePrefix?: string;
}

/**
 * A SOAP 1.1 envelope holding one Fault (`faultcode`, `faultstring`), text XML-escaped: the reply of an inbound
 * handler that refuses a message (a malformed notification → `soapenv:Client`, a retry request → `soapenv:Server`).
 * `detail` is not written; put anything richer in the vendor's own codec.
 */
export function buildSoapFaultEnvelope(
  fault: Pick<SoapFault, 'faultCode' | 'faultString'>,
  options: SoapFaultEnvelopeOptions = {},
): string {
  const prefix =
    options.envelopePrefix !== undefined && prefixPattern.test(options.envelopePrefix)
      ? options.envelopePrefix
      : 'soapenv';
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<${prefix}:Envelope xmlns:${prefix}="${soapEnvelopeNamespace}"><${prefix}:Body><${prefix}:Fault>` +
    `<faultcode>${escapeXmlText(fault.faultCode)}</faultcode>` +
    `<faultstring>${escapeXmlText(fault.faultString)}</faultstring>` +
    `</${prefix}:Fault></${prefix}:Body></${prefix}:Envelope>`
  );
}

/** What a {@link startSoapServer} service handler throws (or rejects with) to answer with a SOAP Fault. */
export interface SoapServiceFault {
  Fault: { faultcode: string; faultstring: string; detail?: unknown; statusCode: number };
}

/**
 * The value a `startSoapServer` service handler throws (or rejects with) so that `soap` answers with this Fault,
 * by default as HTTP 500 — the way SOAP 1.1 services answer business errors.
 */
export function soapServiceFault(fault: SoapFault & { statusCode?: number }): SoapServiceFault {
  return {
    Fault: {
      faultcode: fault.faultCode,
      faultstring: fault.faultString,
      ...(fault.detail === undefined ? {} : { detail: fault.detail }),
      statusCode: fault.statusCode ?? 500,
    },
  };
}

/** Escapes text for an XML element or attribute value. */
export function escapeXmlText(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
