import type { Socket } from 'node:net';
import type { FramingError } from '../errors/families.js';
import type { FrameDecoder } from './framer.js';
import { asFramingError, nodeErrorCode } from './socket-failures.js';

/** What a framed connection reports to its owner. @internal */
export interface FramedConnectionEvents {
  /** One complete frame payload, in arrival order. */
  onFrame(frame: Buffer): void;
  /** The inbound stream lost its framing; the connection is destroyed right after. */
  onFramingError(error: FramingError): void;
  /** The connection is gone (peer close, reset, or our own `destroy`), with the Node error code if one caused it. */
  onClose(closure: { errorCode: string | undefined; cause: Error | undefined }): void;
}

/**
 * A socket plus its frame decoder: turns `data` events into frames and every way a socket can end into one
 * `onClose`. Shared by the client (both modes) and the server.
 * @internal
 */
export class FramedConnection {
  private ended = false;
  private lastError: Error | undefined;

  constructor(
    readonly socket: Socket,
    private readonly decoder: FrameDecoder,
    private readonly events: FramedConnectionEvents,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error: Error) => {
      this.lastError = error;
    });
    socket.on('close', () => this.finish());
    if (socket.destroyed) queueMicrotask(() => this.finish());
  }

  /** True while frames can be written. */
  get isOpen(): boolean {
    return !this.ended && !this.socket.destroyed && this.socket.writable;
  }

  /**
   * Hands a frame to the socket. Returns false, having written nothing, when the socket can no longer take it.
   * Once this returns true the bytes are the kernel's to send: from then on a failure is an unknown outcome.
   */
  write(frame: Buffer): boolean {
    if (!this.isOpen) return false;
    this.socket.write(frame);
    return true;
  }

  /** Closes gracefully: our FIN after anything still queued. */
  end(): void {
    if (!this.ended) this.socket.end();
  }

  /** Closes at once. */
  destroy(): void {
    this.socket.destroy();
  }

  /** Closes with a TCP reset (RST), as a crashing peer would; falls back to `destroy` where RST is unavailable. */
  reset(): void {
    try {
      this.socket.resetAndDestroy();
    } catch {
      this.socket.destroy();
    }
  }

  private receive(chunk: Buffer): void {
    if (this.ended) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.failFraming(asFramingError(error));
      return;
    }
    for (const frame of frames) {
      // The owner may close the connection on any frame (one reply per connection); stop delivering then.
      if (this.ended || this.socket.destroyed) return;
      this.events.onFrame(frame);
    }
    const failure = this.decoder.failure;
    if (failure !== undefined && !this.ended) this.failFraming(failure);
  }

  private failFraming(error: FramingError): void {
    this.events.onFramingError(error);
    this.socket.destroy();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.events.onClose({ errorCode: nodeErrorCode(this.lastError), cause: this.lastError });
  }
}
