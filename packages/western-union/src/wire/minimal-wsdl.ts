import type { WuService } from '../western-union-config.js';

/** The XRSI schema namespace (spec §4). */
export const XRSI_NAMESPACE = 'http://www.westernunion.com/schema/xrsi';

/** Service, port, operation and root elements of one minimal WSDL. */
export interface MinimalWsdlShape {
  service: string;
  port: string;
  operation: string;
  request: string;
  reply: string;
}

/**
 * The operations of our own minimal WSDLs (spec §9), written from the element names in the spec — never copied
 * from WU's proprietary files. Reply root names WU does not publish (PayStatus, Search, CancelSend, refund,
 * heartbeat) are **Modelled**; WU's own WSDLs, loaded from `wsdlDir`, take precedence in production.
 */
export const MINIMAL_WSDL_SHAPES: Readonly<Record<WuService, MinimalWsdlShape>> = {
  validation: {
    service: 'SendmoneyValidation_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'sendmoneyValidation',
    request: 'send-money-validation-request',
    reply: 'send-money-validation-reply',
  },
  store: {
    service: 'SendMoneyStore_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'SendMoneyStore_H2H',
    request: 'send-money-store-request',
    reply: 'send-money-store-reply',
  },
  status: {
    service: 'PayStatus_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'PayStatus',
    request: 'pay-status-inquiry-request-data',
    reply: 'pay-status-inquiry-reply',
  },
  search: {
    service: 'Search_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'Search',
    request: 'search-request',
    reply: 'search-reply',
  },
  cancel: {
    service: 'CancelSend_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'CancelSend',
    request: 'cancel-send-request',
    reply: 'cancel-send-reply',
  },
  refund: {
    service: 'Refund_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'Refund_H2H',
    request: 'refund-request',
    reply: 'refund-reply',
  },
  das: {
    service: 'DAS_Service_H2H',
    port: 'SOAP_HTTP_Port',
    operation: 'DAS_Service',
    request: 'h2h-das-request',
    reply: 'h2h-das-reply',
  },
  heartbeat: {
    service: 'HeartBeat_Service',
    port: 'SOAP_HTTP_Port',
    operation: 'HeartBeat',
    request: 'esp-heartbeat-request',
    reply: 'esp-heartbeat-reply',
  },
  nis: {
    service: 'NisNotification',
    port: 'NotifPort',
    operation: 'NotifService',
    request: 'nis-notification-request',
    reply: 'nis-notification-reply',
  },
};

/**
 * A minimal document/literal WSDL (spec §9): root elements in `xrsi`, typed `xs:anyType`, children unqualified,
 * empty SOAPAction (`NotifAction` for NIS, spec §7).
 */
export function minimalWsdl(service: WuService, location = 'http://127.0.0.1/'): string {
  const shape = MINIMAL_WSDL_SHAPES[service];
  const action = service === 'nis' ? 'NotifAction' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xrsi="${XRSI_NAMESPACE}" xmlns:tns="urn:wirebridge:western-union:${shape.service}" targetNamespace="urn:wirebridge:western-union:${shape.service}">
  <!-- Written by Wirebridge from element names (specs/western-union.md §9); not Western Union's WSDL. -->
  <wsdl:types>
    <xs:schema targetNamespace="${XRSI_NAMESPACE}" elementFormDefault="unqualified">
      <xs:element name="${shape.request}" type="xs:anyType"/>
      <xs:element name="${shape.reply}" type="xs:anyType"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="RequestMessage"><wsdl:part name="body" element="xrsi:${shape.request}"/></wsdl:message>
  <wsdl:message name="ReplyMessage"><wsdl:part name="body" element="xrsi:${shape.reply}"/></wsdl:message>
  <wsdl:portType name="${shape.service}PortType">
    <wsdl:operation name="${shape.operation}"><wsdl:input message="tns:RequestMessage"/><wsdl:output message="tns:ReplyMessage"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="${shape.service}Binding" type="tns:${shape.service}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="${shape.operation}">
      <soap:operation soapAction="${action}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="${shape.service}">
    <wsdl:port name="${shape.port}" binding="tns:${shape.service}Binding"><soap:address location="${location}"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
