/**
 * Paces the dataset frames of one device session (hub/dataset-sync.ts): a frame goes onto the
 * socket only while what the socket holds unsent (`bufferedAmount`) is under a bound, so a large
 * snapshot sent to a slow reader waits here as references to frames the hub built anyway (shared by
 * every session of the same build) instead of copies queued in the socket's write buffer, per
 * device. Sending resumes when the last frame handed to the socket is written out (its send
 * callback: no timer). Frames go out in the order given; nothing is sent once the pacer is closed
 * (the session ended), and what waited is dropped.
 */
/** What the pacer needs of a WebSocket (ws 8). */
export interface PacedSocket {
  readonly bufferedAmount: number;
  send(data: Uint8Array, cb: (err?: Error) => void): void;
}

/** Bytes a session's socket may hold unsent before dataset frames wait (default). */
export const MAX_BUFFERED_DATASET_BYTES = 1024 * 1024;

export class FramePacer {
  private readonly waiting: Uint8Array[] = [];
  /** Index of the next waiting frame (the array is compacted when emptied). */
  private next = 0;
  /** Frames handed to the socket so far. */
  private sentCount = 0;
  /** The number of the frame that left the socket over the bound (0: none): waiting for its callback. */
  private awaitingWrite = 0;
  private closed = false;
  /** The most the socket held unsent right after a paced frame was handed to it. */
  peakBufferedBytes = 0;

  constructor(
    private readonly socket: PacedSocket,
    private readonly maxBufferedBytes: number = MAX_BUFFERED_DATASET_BYTES,
  ) {}

  /** Frames waiting to go onto the socket. */
  get waitingFrames(): number {
    return this.waiting.length - this.next;
  }

  /** Queues a frame behind those waiting and sends what the bound allows. */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    this.waiting.push(frame);
    this.pump();
  }

  /** The session ended: nothing more is sent, what waited is dropped. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.next = 0;
  }

  /**
   * Sends waiting frames while the socket holds less than the bound; once it holds more, waits for
   * the frame just sent to be written out (its send callback; the socket writes in order, so what
   * came before it is out too, and the callbacks of earlier frames do not resume). When that comes
   * the next frame is sent whatever the socket holds (only frames sent beside these can be in it),
   * so the socket holds at most the bound, one frame and the small frames sent beside these.
   */
  private pump(): void {
    while (!this.closed && this.awaitingWrite === 0 && this.next < this.waiting.length) {
      const frame = this.waiting[this.next]!;
      this.waiting[this.next++] = EMPTY;
      if (this.next === this.waiting.length) {
        this.waiting.length = 0;
        this.next = 0;
      }
      const number = ++this.sentCount;
      let written = false;
      this.socket.send(frame, () => {
        written = true;
        if (this.awaitingWrite !== number) return;
        this.awaitingWrite = 0;
        this.pump();
      });
      const buffered = this.socket.bufferedAmount;
      this.peakBufferedBytes = Math.max(this.peakBufferedBytes, buffered);
      if (!written && buffered >= this.maxBufferedBytes) this.awaitingWrite = number;
    }
  }
}

const EMPTY = new Uint8Array(0);
