import { XRSI_NAMESPACE } from './minimal-wsdl.js';
import { escapeXml } from './wu-fault.js';

/** `partner.heartbeat` of the client options. */
export interface HeartbeatIdentity {
  partnerId: string;
  systemName: string;
  systemVersion: string;
  ipAddress: string;
  connectorId: string;
}

/**
 * The `esp-heartbeat-request` envelope (spec §4.4; there is no WSDL, so the codec writes it):
 * `partner{id, system{id, name, version, ip_address, connector{id}}}`, `external_reference_no`.
 */
export function buildHeartbeatEnvelope(identity: HeartbeatIdentity, externalReference: string): string {
  const text = (value: string) => escapeXml(value);
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xrsi="${XRSI_NAMESPACE}">` +
    '<soapenv:Header/><soapenv:Body><xrsi:esp-heartbeat-request>' +
    `<partner><id>${text(identity.partnerId)}</id><system><id>${text(identity.partnerId)}</id>` +
    `<name>${text(identity.systemName)}</name><version>${text(identity.systemVersion)}</version>` +
    `<ip_address>${text(identity.ipAddress)}</ip_address><connector><id>${text(identity.connectorId)}</id></connector>` +
    `</system></partner><external_reference_no>${text(externalReference)}</external_reference_no>` +
    '</xrsi:esp-heartbeat-request></soapenv:Body></soapenv:Envelope>'
  );
}

/** HTTP 200 without a Fault = healthy (spec §4.4, **Modelled**: WU's reply shape is not public). */
export function isHealthyHeartbeatReply(status: number, body: string): boolean {
  return status === 200 && !/<(?:[\w.-]+:)?Fault[\s>]/.test(body);
}
