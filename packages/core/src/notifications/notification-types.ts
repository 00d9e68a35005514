/**
 * Inbound notifications (HTTP webhooks, SOAP pushes, TCP telegrams) all map onto these (DESIGN §12).
 */

/** An inbound message exactly as received. */
export interface InboundRequest {
  /** The exact bytes received: verify these before parsing. */
  rawBody: Uint8Array | string;
  headers: Record<string, string | string[] | undefined>;
  /** The socket's address; `X-Forwarded-For` only if the handler is configured to trust it. */
  remoteAddress?: string;
}

/** What to send back to the vendor. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** Why an inbound message was refused. */
export type RejectionReason =
  | 'ip_not_allowed'
  | 'unauthenticated'
  | 'bad_signature'
  | 'malformed'
  | 'unknown_account'
  | 'stale';

/** Result of verifying and parsing one inbound message. */
export type NotificationResult<E> =
  | { accepted: true; event: E; dedupeKey: string; reply: Reply; failureReply: Reply }
  | {
      accepted: false;
      event: null;
      rejection: { reason: RejectionReason; detail: string };
      reply: Reply;
    };

/** A vendor's inbound handler: verify + parse, pure, no dedupe. */
export interface NotificationHandler<E> {
  /** Verifies and parses one inbound message; returns the event and the reply to send, or the rejection reason. */
  handle(request: InboundRequest): NotificationResult<E> | Promise<NotificationResult<E>>;
}
