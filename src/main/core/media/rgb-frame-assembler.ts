/**
 * Cuts ffmpeg's raw RGB24 byte stream into frames of `frameBytes` (set once the first frame's size is known;
 * bytes that arrive earlier wait). Finished frames queue in `ready`; buffers the consumer hands back are
 * reused for later frames.
 */
export class RgbFrameAssembler {
  /** Frames complete and not yet taken, oldest first. */
  readonly ready: Uint8Array[] = []
  private readonly free: Uint8Array[] = []
  private readonly early: Buffer[] = []
  private frameBytes = 0
  private filling: Uint8Array | null = null
  private filled = 0

  /** True once the frame size is known. */
  get sized(): boolean {
    return this.frameBytes > 0
  }

  /** Bytes of a frame begun and not finished (0 between frames). */
  get partialBytes(): number {
    return this.filled
  }

  /** Sets the frame size (width x height RGB24) and cuts whatever arrived before it. */
  setFrameSize(width: number, height: number): void {
    this.frameBytes = width * height * 3
    for (const chunk of this.early.splice(0)) this.push(chunk)
  }

  push(chunk: Buffer): void {
    if (this.frameBytes === 0) {
      this.early.push(chunk)
      return
    }
    let offset = 0
    while (offset < chunk.length) {
      this.filling ??= this.free.pop() ?? new Uint8Array(this.frameBytes)
      const n = Math.min(this.frameBytes - this.filled, chunk.length - offset)
      this.filling.set(chunk.subarray(offset, offset + n), this.filled)
      this.filled += n
      offset += n
      if (this.filled === this.frameBytes) {
        this.ready.push(this.filling)
        this.filling = null
        this.filled = 0
      }
    }
  }

  /** Gives a frame's buffer back for reuse (the consumer is done with it). */
  recycle(buffer: Uint8Array): void {
    this.free.push(buffer)
  }
}
