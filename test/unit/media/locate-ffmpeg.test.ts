import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FfmpegNotFoundError } from '../../../src/main/core/media/ffmpeg-not-found-error'
import { findOnPath } from '../../../src/main/core/media/find-on-path'
import { locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { resolveBundledFfmpegPath } from '../../../src/main/core/media/resolve-bundled-ffmpeg-path'

describe('locateFfmpeg', () => {
  let dir: string
  let systemFfmpeg: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mimesis-locate-'))
    const found = await findOnPath('ffmpeg')
    if (found == null) throw new Error('these tests need ffmpeg on PATH (apt install ffmpeg)')
    systemFfmpeg = found
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds the ffmpeg shipped in @ffmpeg-installer by default, with libx264', async () => {
    const located = await locateFfmpeg()
    expect(located.source).toBe('bundled')
    expect(located.path).toBe(resolveBundledFfmpegPath())
    expect(located.version).not.toBe('')
    expect(located.encoders.has('libx264')).toBe(true)
  })

  it('prefers a configured path that works', async () => {
    const located = await locateFfmpeg({ configuredPath: systemFfmpeg })
    expect(located).toMatchObject({ path: systemFfmpeg, source: 'configured' })
    expect(located.version).toMatch(/^\d/)
    expect(located.supportsFpsMode).toBe(true)
  })

  it('falls back from a configured path that does not exist, and logs why', async () => {
    const logs: string[] = []
    const missing = join(dir, 'nope', 'ffmpeg')
    const located = await locateFfmpeg({ configuredPath: missing, log: (m) => logs.push(m) })
    expect(located.source).toBe('bundled')
    expect(logs[0]).toBe(`ffmpeg: skipping configured ${missing}: does not exist (ENOENT)`)
    expect(logs[1]).toMatch(/^ffmpeg: using bundled /)
  })

  it('falls back from a configured file that is not ffmpeg', async () => {
    const logs: string[] = []
    const located = await locateFfmpeg({
      configuredPath: '/bin/true',
      bundledPath: null,
      log: (m) => logs.push(m)
    })
    expect(located).toMatchObject({ source: 'system', path: systemFfmpeg })
    expect(logs[0]).toMatch(/skipping configured \/bin\/true: does not run as ffmpeg/)
  })

  it('adds the missing exec bit to a bundled binary (npm 11 may skip the postinstall chmod)', async () => {
    const copy = join(dir, 'ffmpeg-without-exec-bit')
    copyFileSync(systemFfmpeg, copy)
    chmodSync(copy, 0o644)
    const located = await locateFfmpeg({ bundledPath: copy })
    expect(located).toMatchObject({ source: 'bundled', path: copy })
    expect(statSync(copy).mode & 0o100).toBe(0o100)
  })

  it('throws FfmpegNotFoundError saying what to install and what was tried', async () => {
    const promise = locateFfmpeg({
      configuredPath: join(dir, 'missing'),
      bundledPath: null,
      systemCommand: 'mimesis-no-such-ffmpeg'
    })
    await expect(promise).rejects.toBeInstanceOf(FfmpegNotFoundError)
    await expect(promise).rejects.toThrow(/Install ffmpeg with libx264 .*apt install ffmpeg/)
    const error = (await promise.catch((e: unknown) => e)) as FfmpegNotFoundError
    expect(error.tried.map((t) => t.source)).toEqual(['configured', 'bundled', 'system'])
    // What was tried is the error's detail (the CLI prints it under the message).
    expect(error.detail).toMatch(/mimesis-no-such-ffmpeg is not on PATH/)
  })
})
