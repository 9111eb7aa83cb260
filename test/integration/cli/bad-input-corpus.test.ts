// Bad inputs through `mimesis` in its own process (issue 21): each is made here, in a temp folder, with ffmpeg
// and sharp (no committed binaries). Each case: the exit status, a message that says what is wrong and what to
// do (no stack trace), and nothing left under the output's name (nor a temporary file beside it).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_CODES } from '../../../src/main/cli/exit-code'
import { locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { ROOT, runCli, type CliRun } from './run-cli'

const ASTRONAUT = join(ROOT, 'test/fixtures/astronaut.png')

/** A PNG whose header declares `width` x `height` (a decompression bomb's header, with almost no data). */
function pngHeader(width: number, height: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (bytes: Buffer): number => {
    let crc = 0xffffffff
    for (const b of bytes) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8)
    return (crc ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0))
  ])
}

describe('mimesis on a corpus of bad inputs', () => {
  let dir: string
  let outDir: string
  const input = (name: string): string => join(dir, name)

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-bad-input-'))
    outDir = join(dir, 'out')
    await mkdir(outDir)
    const { path: ffmpeg } = await locateFfmpeg()
    const ff = (...args: string[]): void => {
      const made = spawnSync(ffmpeg, ['-v', 'error', '-y', ...args])
      expect(made.status, made.stderr.toString()).toBe(0)
    }
    // Pictures.
    ff('-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', input('no-face.jpg'))
    const face = await sharp(ASTRONAUT)
      .extract({ left: 115, top: 17, width: 220, height: 220 })
      .resize(256, 256)
      .png()
      .toBuffer()
    await sharp({ create: { width: 512, height: 256, channels: 3, background: '#808080' } })
      .composite([
        { input: face, left: 0, top: 0 },
        { input: face, left: 256, top: 0 }
      ])
      .png()
      .toFile(input('two-faces.png'))
    await writeFile(input('zero-bytes.png'), '')
    await writeFile(input('text.jpg'), 'this is not a picture\n')
    const jpeg = await sharp(ASTRONAUT).jpeg().toBuffer()
    await writeFile(input('truncated.jpg'), jpeg.subarray(0, jpeg.length >> 1))
    await writeFile(input('huge.png'), pngHeader(100_000, 100_000))
    // Videos: an MP4's index (moov) is at its end unless +faststart puts it first.
    await writeFile(input('zero-bytes.mp4'), '')
    await writeFile(input('text.mp4'), 'this is not a video\n')
    ff('-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', input('audio-only.mp4'))
    const clip = [
      '-loop',
      '1',
      '-i',
      ASTRONAUT,
      '-t',
      '2',
      '-r',
      '25',
      '-vf',
      'scale=256:256,noise=alls=30:allf=t'
    ]
    const h264 = ['-c:v', 'libx264', '-g', '5', '-pix_fmt', 'yuv420p']
    ff(...clip, ...h264, input('index-at-end.mp4'))
    ff(...clip, ...h264, '-movflags', '+faststart', input('index-at-start.mp4'))
    for (const name of ['index-at-end', 'index-at-start']) {
      const bytes = await readFile(input(`${name}.mp4`))
      await writeFile(input(`${name}-truncated.mp4`), bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    }
    // Projects.
    const project = JSON.parse(
      await readFile(join(ROOT, 'test/fixtures/projects/v2-embedded-portrait.mimesis'), 'utf8')
    ) as Record<string, unknown>
    await writeFile(input('malformed.mimesis'), JSON.stringify(project).slice(0, 200))
    const zeroSha = createHash('sha256').update('').digest('hex')
    project.portrait = { kind: 'reference', path: '/dev/zero', sha256: zeroSha, fileName: 'zero.png' }
    await writeFile(input('dev-zero.mimesis'), JSON.stringify(project))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** Runs `mimesis`, then checks the status, the message and that nothing is left in the output folder. */
  async function expectRefusal(
    args: string[],
    out: string,
    code: number,
    ...says: RegExp[]
  ): Promise<CliRun> {
    const run = await runCli([...args, '--out', out])
    expect(run.code, run.stderr).toBe(code)
    for (const pattern of says) expect(run.stderr).toMatch(pattern)
    expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/)
    expect(existsSync(out)).toBe(false)
    expect(await readdir(outDir)).toEqual([])
    return run
  }

  const picture = (name: string): [string[], string] => [['render', input(name)], join(outDir, `${name}.png`)]

  it('a picture with no face', async () => {
    await expectRefusal(
      ...picture('no-face.jpg'),
      EXIT_CODES.dataError,
      /No face was found/,
      /Use a photo where/
    )
  })

  it('a picture with two faces: --face 3 is refused, naming the faces there are', async () => {
    const [args, out] = picture('two-faces.png')
    await expectRefusal(
      [...args, '--face', '3'],
      out,
      EXIT_CODES.dataError,
      /it has 2 faces/,
      /Choose face 1 .* to 2/
    )
  })

  it('a zero-byte .png', async () => {
    await expectRefusal(
      ...picture('zero-bytes.png'),
      EXIT_CODES.dataError,
      /is empty, 0 bytes/,
      /Choose a PNG, JPEG/
    )
  })

  it('text named .jpg', async () => {
    await expectRefusal(
      ...picture('text.jpg'),
      EXIT_CODES.dataError,
      /unsupported or corrupt/,
      /Choose a PNG, JPEG/
    )
  })

  it('a truncated JPEG', async () => {
    await expectRefusal(...picture('truncated.jpg'), EXIT_CODES.dataError, /premature end/, /export it again/)
  })

  it('a PNG whose header declares 100,000 x 100,000 px', async () => {
    await expectRefusal(
      ...picture('huge.png'),
      EXIT_CODES.dataError,
      /too large to open: 100000x100000 px/,
      /Scale it down/
    )
  })

  const drive = (name: string): [string[], string] => [
    ['drive', input(name), ASTRONAUT],
    join(outDir, `${name}-driven.mp4`)
  ]

  for (const name of ['zero-bytes.mp4', 'text.mp4']) {
    it(`a driving video that is ${name}`, async () => {
      await expectRefusal(...drive(name), EXIT_CODES.dataError, /Not a video file/, /Choose an MP4, MOV/)
    })
  }

  it('a driving video with sound only', async () => {
    await expectRefusal(
      ...drive('audio-only.mp4'),
      EXIT_CODES.dataError,
      /Not a video file/,
      /no video stream/
    )
  })

  it('an MP4 cut short with its index at the end (the index is lost)', async () => {
    await expectRefusal(
      ...drive('index-at-end-truncated.mp4'),
      EXIT_CODES.dataError,
      /is damaged or in a format ffmpeg cannot read/,
      /Re-export it/
    )
  })

  it('an MP4 cut short with its index at the start: analysed in part, with a warning and the counts', async () => {
    const run = await runCli(['analyze', input('index-at-start-truncated.mp4'), '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/warning: only \d+ of the 50 frames .* declares could be decoded; .*Re-export/)
    const json = JSON.parse(run.stdout) as {
      framesDecoded: number
      framesDeclared: number
      warnings: string[]
    }
    expect(json.framesDeclared).toBe(50)
    expect(json.framesDecoded).toBeGreaterThan(0)
    expect(json.framesDecoded).toBeLessThan(50)
    expect(json.warnings).toHaveLength(1)
  })

  it('the same MP4 as a driving video: driven in part, with a warning', async () => {
    const out = join(dir, 'driven-in-part.mp4')
    const run = await runCli([
      'drive',
      input('index-at-start-truncated.mp4'),
      ASTRONAUT,
      '--size',
      '128',
      '--out',
      out
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/warning: only \d+ of the 50 frames .* declares could be decoded/)
    expect(existsSync(out)).toBe(true)
  })

  it('a malformed project', async () => {
    await expectRefusal(
      ['render', input('malformed.mimesis')],
      join(outDir, 'malformed.mp4'),
      EXIT_CODES.dataError,
      /malformed\.mimesis is not a valid project file: JSON syntax error at line 1/,
      /Open an earlier copy/
    )
  })

  it('a project whose portrait is /dev/zero', async () => {
    await expectRefusal(
      ['render', input('dev-zero.mimesis')],
      join(outDir, 'dev-zero.mp4'),
      EXIT_CODES.noInput,
      /\/dev\/zero is .*not a file/,
      /Locate the image/
    )
  })
})
