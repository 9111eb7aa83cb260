import { MimesisError } from '@shared/errors/mimesis-error'
/** Base class of the image decoding errors; `code` is stable for callers and the UI. */
export class ImageDecodeError extends MimesisError {
  constructor(
    code: 'file-not-found' | 'unsupported-format' | 'image-too-small',
    message: string,
    options?: { cause?: unknown }
  ) {
    super(code, message, { cause: options?.cause })
    this.name = new.target.name
  }
}

export class ImageFileNotFoundError extends ImageDecodeError {
  /** `kind`: what is at the path when it exists but is not a file (a folder, a device…). */
  constructor(
    readonly path: string,
    kind?: string
  ) {
    super(
      'file-not-found',
      kind === undefined
        ? `Image file not found: ${path}`
        : `${path} is ${kind}, not an image file. Choose a PNG, JPEG or WebP picture.`
    )
  }
}

/** The bytes are not an image format we can read, or the file is corrupt or truncated. */
export class UnsupportedImageError extends ImageDecodeError {
  constructor(source: string, detail: string, cause?: unknown) {
    super(
      'unsupported-format',
      `Cannot read image ${source}: unsupported or corrupt format (${detail}). ` +
        'Choose a PNG, JPEG or WebP picture; if this one was cut short or damaged, export it again.',
      { cause }
    )
  }
}

export class ImageTooSmallError extends ImageDecodeError {
  constructor(source: string, width: number, height: number, minSide: number) {
    super(
      'image-too-small',
      `Image ${source} is too small to analyse: ${width}x${height} px, the shorter side must be at least ${minSide} px`
    )
  }
}

/** The picture's header declares more pixels than the app decodes (a decompression bomb, or a huge scan). */
export class ImageTooLargeError extends ImageDecodeError {
  constructor(source: string, width: number, height: number, maxPixels: number) {
    super(
      'unsupported-format',
      `Image ${source} is too large to open: ${width}x${height} px, more than the ${Math.round(maxPixels / 1e6)} ` +
        'million pixels an image may have. Scale it down (a portrait needs no more than 4096 px a side) and try again.'
    )
  }
}
