// `mimesis analyze` on files named like videos that are not (issue 21, item 4): a clear message and exit 65 (bad
// data), never a stack trace with exit 1. The inputs are made by the test: an empty file, a text file and a
// sound-only MP4.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_CODES } from '../../../src/main/cli/exit-code'
import { locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { runCli } from './run-cli'

describe('mimesis analyze on files that are not videos', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-bad-video-'))
    await writeFile(join(dir, 'empty.mp4'), '')
    await writeFile(join(dir, 'text.mp4'), 'not a video\n')
    const { path: ffmpeg } = await locateFfmpeg()
    const made = spawnSync(ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'],
      ...['-c:a', 'aac', join(dir, 'sound-only.mp4')]
    ])
    expect(made.status).toBe(0)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  for (const name of ['empty.mp4', 'text.mp4', 'sound-only.mp4']) {
    it(`${name}: says it is not a video and what to choose, exit 65`, async () => {
      const run = await runCli(['analyze', join(dir, name)])
      expect(run.code).toBe(EXIT_CODES.dataError)
      expect(run.stderr).toMatch(/Not a video file: .*Choose an MP4, MOV, WebM, MKV or AVI file/)
      expect(run.stderr).not.toMatch(/VideoInputError|\n\s+at /)
    })
  }
})
