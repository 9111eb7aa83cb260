// Every export format on one animation (issue 17's benchmark): a 10 s 512² turntable of test/fixtures/astronaut.png
// at 30 fps on 2 threads, exported through the command line's own path (`runRender`, real engine and ffmpeg) as each
// format; for the video formats, the same frames (read back from a PNG sequence of the run) encoded alone by
// ffmpeg through `exportVideo`, so the difference is what rendering costs. Each export runs in a process of its own,
// so its peak memory is its own. Run: npm run bench:export -- --formats
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import type { VideoFormat } from '../src/shared/export/video-formats'
import type { OutputFormat } from '../src/shared/export/output-formats'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { exportVideo } from '../src/main/core/export/export-video'
import { locateFfmpeg } from '../src/main/core/media/locate-ffmpeg'
import { runRender } from '../src/main/cli/run-render'
import { MiB, watchMemory } from './watch-memory'

const SIZE = 512
const FPS = 30
const SECONDS = 10
const THREADS = 2
/** Each format and the name its output takes (a folder for the sequences). */
const FORMATS: readonly (readonly [OutputFormat, string])[] = [
  ['mp4-h264', 'out.mp4'],
  ['mov-prores4444', 'out.mov'],
  ['webm-vp9', 'out.webm'],
  ['gif', 'out.gif'],
  ['png-seq', 'seq'],
  ['glb', 'face.glb'],
  ['obj-seq', 'mesh'],
  ['arkit-csv', 'curves.csv']
]
const VIDEO: readonly VideoFormat[] = ['mp4-h264', 'mov-prores4444', 'webm-vp9', 'gif']

interface Row {
  readonly format: string
  readonly seconds: number
  readonly bytes: number
  readonly peakMiB: number
}

/** Bytes under a file or a folder. */
function sizeOf(path: string): number {
  const s = statSync(path)
  if (!s.isDirectory()) return s.size
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0)
}

/** The turntable exported as `format` to `out` through the command line's path. */
async function exportAs(format: OutputFormat, out: string): Promise<void> {
  await runRender(
    {
      kind: 'preset',
      portrait: resolve(process.cwd(), 'test/fixtures/astronaut.png'),
      out,
      format,
      sequence:
        format === 'png-seq' || format === 'obj-seq' ? { bitDepth: 8, depth: false, replace: false } : null,
      preset: 'turntable',
      seconds: SECONDS,
      fps: FPS,
      size: SIZE,
      aspect: 'square',
      faceIndex: 0,
      quality: 'standard'
    },
    {
      resourcesDir: resolveResourcesDir(),
      threads: THREADS,
      signal: new AbortController().signal,
      onStatus: () => undefined,
      onProgress: () => undefined,
      onWarning: (text) => console.warn(`  ${format}: ${text}`)
    }
  )
}

/** Child: one format's export, timed, with its peak memory; prints one JSON line. */
async function oneFormat(format: OutputFormat): Promise<void> {
  const name = FORMATS.find(([f]) => f === format)?.[1] ?? 'out'
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-format-'))
  try {
    const memory = watchMemory()
    const started = performance.now()
    await exportAs(format, join(dir, name))
    const seconds = (performance.now() - started) / 1000
    const { peakMiB } = memory.stop()
    const row: Row = { format, seconds, bytes: sizeOf(join(dir, name)), peakMiB }
    console.log(JSON.stringify(row))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Child: the turntable's frames (a PNG sequence of it, read back), then each video format encoded from them alone. */
async function encodeAlone(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-encode-'))
  try {
    await exportAs('png-seq', join(dir, 'frames'))
    const files = readdirSync(join(dir, 'frames'))
      .filter((f) => f.endsWith('.png'))
      .sort()
    const frames = await Promise.all(
      files.map(
        async (f) =>
          new Uint8Array(
            await sharp(join(dir, 'frames', f))
              .ensureAlpha()
              .raw()
              .toBuffer()
          )
      )
    )
    const ffmpeg = await locateFfmpeg()
    for (const format of VIDEO) {
      const started = performance.now()
      const out = join(dir, `alone.${FORMATS.find(([f]) => f === format)![1].split('.')[1]!}`)
      await exportVideo({
        width: SIZE,
        height: SIZE,
        fps: FPS,
        frameCount: frames.length,
        renderFrame: async (i) => frames[i]!.slice(),
        outPath: out,
        format,
        quality: 'standard',
        ffmpeg
      })
      console.log(
        JSON.stringify({ format, seconds: (performance.now() - started) / 1000, bytes: sizeOf(out) })
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs this file again as a child with `args`; returns the JSON lines it printed. */
function child(args: readonly string[]): Record<string, number | string>[] {
  const result = spawnSync(
    'npx',
    ['tsx', '--tsconfig', 'tsconfig.node.json', 'bench/export-formats.ts', ...args],
    { encoding: 'utf8', maxBuffer: 16 * MiB }
  )
  if (result.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${result.stderr}`)
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, number | string>)
}

export async function benchFormats(): Promise<void> {
  console.log(
    `formats: ${SECONDS} s ${SIZE}² turntable at ${FPS} fps, ${THREADS} threads, one process per export`
  )
  const rows = FORMATS.map(([format]) => child(['--one', format])[0]!)
  const alone = new Map(child(['--encode-alone']).map((r) => [r.format as string, r]))
  console.log('format          export s  encode alone s  render overhead s  size MiB  peak RSS MiB')
  for (const r of rows) {
    const a = alone.get(r.format as string)
    const exportS = Number(r.seconds)
    console.log(
      [
        String(r.format).padEnd(15),
        exportS.toFixed(1).padStart(8),
        (a ? Number(a.seconds).toFixed(1) : '–').padStart(15),
        (a ? (exportS - Number(a.seconds)).toFixed(1) : '–').padStart(18),
        (Number(r.bytes) / MiB).toFixed(2).padStart(9),
        Number(r.peakMiB).toFixed(0).padStart(13)
      ].join(' ')
    )
  }
}

const one = process.argv.indexOf('--one')
if (one >= 0) {
  void oneFormat(process.argv[one + 1] as OutputFormat).catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
} else if (process.argv.includes('--encode-alone')) {
  void encodeAlone().catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}
