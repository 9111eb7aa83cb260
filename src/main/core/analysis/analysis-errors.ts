import { MimesisError } from '@shared/errors/mimesis-error'
/** Base class of the face analysis errors; `code` is stable for callers and the UI. */
export class FaceAnalysisError extends MimesisError {
  constructor(
    code: 'no-face-found' | 'face-too-small' | 'models-missing',
    message: string,
    options?: { cause?: unknown }
  ) {
    super(code, message, { cause: options?.cause })
    this.name = new.target.name
  }
}

export class NoFaceFoundError extends FaceAnalysisError {
  constructor(source: string) {
    super(
      'no-face-found',
      `No face was found in ${source}. Use a photo where one face is clearly visible, roughly frontal and well lit.`
    )
  }
}

export class FaceTooSmallError extends FaceAnalysisError {
  constructor(source: string, faceSide: number, minFaceSide: number) {
    super(
      'face-too-small',
      `The face in ${source} is too small to analyse: ${Math.round(faceSide)} px across, at least ${minFaceSide} px is needed. Use a larger or closer photo.`
    )
  }
}

export class FaceModelsMissingError extends FaceAnalysisError {
  constructor(detail: string, cause?: unknown) {
    super(
      'models-missing',
      `Face models are missing or invalid: ${detail}. Build them with the model build script (build/models).`,
      { cause }
    )
  }
}
