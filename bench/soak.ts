// Soak: one process, a long export and many preview renders, with its memory at the start, peak and end.
//   npm run bench:soak                               a 10-minute 512² turntable, then 10,000 previews
//   npm run bench:soak -- --seconds 30 --renders 1000   a short run
// The export goes through the command line's own path (`runRender`, real engine and ffmpeg); the previews
// through the studio's (`createAvatarSession`: build once, then `render` per request, colour and depth,
// expression and camera changing every frame). Target: once warm (a tenth into the export: engine loaded,
// ffmpeg running) the resident set stays within 100 MiB, peak included.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { runRender } from '../src/main/cli/run-render'
import { createAvatarSession } from '../src/main/core/studio/avatar-session'
import { watchMemory, type MemoryWatch } from './watch-memory'

const SIZE = 512
const FPS = 30
/** The resident set may grow this much over the whole soak, MiB. */
const FLAT_WITHIN_MIB = 100
const PORTRAIT = resolve(__dirname, '..', 'test/fixtures/astronaut.png')

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    renders: { type: 'string', default: '10000' },
    threads: { type: 'string', default: '2' }
  }
})

function positive(text: string, name: string): number {
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`--${name} needs a positive number, got ${text}`)
  return n
}

const mib = (value: number): string => `${value.toFixed(0)} MiB`

/** The resident set once the export reached a tenth of its frames (engine loaded, ffmpeg running), MiB. */
let warmMiB: number | null = null

async function soakExport(seconds: number, threads: number, memory: MemoryWatch): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-soak-'))
  let lastTenth = -1
  const started = performance.now()
  try {
    await runRender(
      {
        kind: 'preset',
        portrait: PORTRAIT,
        out: join(dir, 'soak.mp4'),
        format: 'mp4-h264',
        preset: 'turntable',
        seconds,
        fps: FPS,
        size: SIZE,
        aspect: 'square',
        faceIndex: 0,
        quality: 'draft'
      },
      {
        resourcesDir: resolveResourcesDir(),
        threads,
        signal: new AbortController().signal,
        onStatus: () => undefined,
        onProgress: (_, progress) => {
          const tenth = Math.floor(progress.fraction * 10)
          if (tenth === lastTenth) return
          lastTenth = tenth
          if (tenth >= 1) warmMiB ??= memory.now()
          console.log(
            `  export frame ${progress.framesDone}/${progress.frameCount}, rss ${mib(memory.now())}`
          )
        },
        onWarning: (text) => console.warn(text)
      }
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const elapsed = (performance.now() - started) / 1000
  console.log(
    `export: ${seconds} s at ${FPS} fps (${Math.round(seconds * FPS)} frames) in ${elapsed.toFixed(0)} s`
  )
}

async function soakPreviews(renders: number, threads: number, memory: MemoryWatch): Promise<void> {
  const session = createAvatarSession({ resourcesDir: resolveResourcesDir(), threads })
  const info = await session.build(PORTRAIT, 0)
  const [first, second] = info.directions.map((d) => d.name)
  const started = performance.now()
  for (let i = 0; i < renders; i++) {
    const phase = (i % 120) / 120
    const wave = Math.sin(phase * 2 * Math.PI)
    const frame = await session.render({
      expression: { ...(first ? { [first]: wave } : {}), ...(second ? { [second]: -wave / 2 } : {}) },
      camera: { yaw: 30 * wave, pitch: 10 * wave, roll: 5 * wave, zoom: 1 + 0.2 * wave, panX: 0, panY: 0 },
      width: SIZE,
      height: SIZE,
      view: i % 10 === 9 ? 'depth' : 'color'
    })
    if (!frame) throw new Error(`preview ${i} was superseded, but previews are awaited one by one`)
    if ((i + 1) % Math.max(1, Math.floor(renders / 10)) === 0) {
      console.log(`  preview ${i + 1}/${renders}, rss ${mib(memory.now())}`)
    }
  }
  const elapsed = (performance.now() - started) / 1000
  console.log(
    `previews: ${renders} at ${SIZE}² in ${elapsed.toFixed(0)} s (${((elapsed * 1000) / renders).toFixed(1)} ms each)`
  )
}

async function main(): Promise<void> {
  const seconds = positive(values.seconds, 'seconds')
  const renders = Math.round(positive(values.renders, 'renders'))
  const threads = Math.round(positive(values.threads, 'threads'))
  const memory = watchMemory()
  console.log(
    `soak: ${seconds} s export and ${renders} previews at ${SIZE}², rss start ${mib(memory.startMiB)}`
  )
  await soakExport(seconds, threads, memory)
  const afterExport = memory.now()
  await soakPreviews(renders, threads, memory)
  const { peakMiB, endMiB } = memory.stop()
  const warm = warmMiB ?? afterExport
  const growth = Math.max(peakMiB, endMiB) - warm
  console.log(
    `rss start ${mib(memory.startMiB)}, warm (a tenth into the export) ${mib(warm)}, after the export ${mib(afterExport)}, ` +
      `peak ${mib(peakMiB)}, end ${mib(endMiB)}; peak over warm ${mib(growth)} ` +
      `(${growth <= FLAT_WITHIN_MIB ? 'flat' : 'NOT flat'}: target within ${FLAT_WITHIN_MIB} MiB)`
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
