// `mimesis generate --speech`: a voice recording turned into the project's audio track (.m4a, as the
// studio keeps sound) and into speech features on the document's frames.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, extname, join, resolve } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { speechFeatures, type SpeechFeatures } from '@shared/generate'
import { ANALYSIS_SAMPLE_RATE, decodeAudioSamples } from '../core/media/decode-audio-samples'
import { defaultFfmpeg } from '../core/media/default-ffmpeg'
import { extractAudio } from '../core/media/extract-audio'
import { requireFile } from './run-render'

export interface SpeechSource {
  /** The recording as AAC in .m4a, in a scratch folder (`dispose` removes it). */
  readonly m4a: string
  /** Name the project shows for its audio track. */
  readonly fileName: string
  readonly features: SpeechFeatures
  dispose(): Promise<void>
}

/** Reads `path`'s sound: features at `fps` and an .m4a copy to embed. */
export async function readSpeechSource(path: string, fps: number): Promise<SpeechSource> {
  const input = resolve(path)
  await requireFile(input, 'voice recording')
  const ffmpeg = await defaultFfmpeg()
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-speech-'))
  const dispose = () => rm(dir, { recursive: true, force: true })
  try {
    const m4a = join(dir, 'speech.m4a')
    const extracted = await extractAudio(input, m4a, { ffmpeg })
    if (!extracted) {
      throw new MimesisError(
        'unsupported-format',
        `${input} has no sound to speak with. Choose a voice recording.`
      )
    }
    const samples = await decodeAudioSamples(m4a, { ffmpeg })
    return {
      m4a,
      fileName: `${basename(input, extname(input))}.m4a`,
      features: speechFeatures(samples, ANALYSIS_SAMPLE_RATE, fps),
      dispose
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
