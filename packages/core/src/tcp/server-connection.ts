import type { Socket } from 'node:net';
import { TransportError } from '../errors/families.js';
import { FramedConnection } from './framed-connection.js';
import type { Framer } from './framer.js';
import type { TcpFrameHandler, TcpServerConnection } from './tcp-server-options.js';

/** What one inbound connection needs from its server. @internal */
export interface ServerConnectionSettings {
  framer: Framer;
  onFrame: TcpFrameHandler;
  closeAfterReply: boolean;
  concurrentFrames: boolean;
  idleTimeoutMs: number;
  vendor: string | undefined;
  report(error: unknown, connection: TcpServerConnection | undefined): void;
  onClosed(connection: ServerConnection): void;
}

/**
 * One inbound connection of a framed server: frames are handed to `onFrame` (one after the other unless
 * `concurrentFrames`) and replies written back framed. A framing error closes this connection only.
 * @internal
 */
export class ServerConnection {
  readonly view: TcpServerConnection;
  private readonly framed: FramedConnection;
  /** No further frame is handled (a reply was sent with `closeAfterReply`, or a handler failed). */
  private finishing = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    socket: Socket,
    readonly id: number,
    private readonly settings: ServerConnectionSettings,
  ) {
    let markClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    this.framed = new FramedConnection(socket, settings.framer.createDecoder(), {
      onFrame: (frame) => this.receive(frame),
      onFramingError: (error) => settings.report(error, this.view),
      onClose: () => {
        settings.onClosed(this);
        markClosed();
      },
    });
    if (settings.idleTimeoutMs > 0) {
      // Node restarts this timer on every read and write, so it measures silence, not connection age.
      socket.setTimeout(settings.idleTimeoutMs, () => this.framed.destroy());
    }
    const framed = this.framed;
    const subject = `tcp connection ${id}`;
    this.view = Object.freeze({
      id,
      remoteAddress: socket.remoteAddress,
      remotePort: socket.remotePort,
      closed,
      send(payload: Uint8Array): void {
        const frame = settings.framer.encode(payload);
        if (!framed.write(frame)) {
          throw new TransportError({
            message: `${subject}: the connection is closed; nothing was sent`,
            ...(settings.vendor === undefined ? {} : { vendor: settings.vendor }),
            retryable: false,
            details: { reason: 'closed' },
          });
        }
      },
      close: () => framed.end(),
      reset: () => framed.reset(),
    });
  }

  /** Closes at once (server shutdown). */
  destroy(): void {
    this.framed.destroy();
  }

  private receive(frame: Buffer): void {
    if (this.finishing) return;
    if (this.settings.concurrentFrames) {
      void this.handle(frame);
      return;
    }
    this.queue = this.queue.then(() => this.handle(frame));
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.finishing || !this.framed.isOpen) return;
    const { settings } = this;
    let reply: Uint8Array | undefined;
    try {
      reply = await settings.onFrame(frame, this.view);
      if (reply !== undefined && !(reply instanceof Uint8Array)) {
        throw new TypeError('onFrame must return bytes (Uint8Array) or undefined');
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.framed.isOpen) return;
    if (reply !== undefined) {
      let encoded: Buffer;
      try {
        encoded = settings.framer.encode(reply);
      } catch (error) {
        this.fail(error);
        return;
      }
      this.framed.write(encoded);
    }
    if (settings.closeAfterReply) {
      this.finishing = true;
      this.framed.end();
    }
  }

  private fail(error: unknown): void {
    this.finishing = true;
    this.settings.report(error, this.view);
    this.framed.destroy();
  }
}
