// Motion data of a 60 s animation: the ARKit CSV (`exportRigCurves`) and the animated 3D face (`exportFaceGlb`), each
// timed end to end (sampling every frame through evaluate(), formatting, the atomic write). Run alone with
// `npx tsx bench/export.ts --motion-data [--seconds 60] [--fps 60]`; `npm run bench:export` runs it first.
// The document is a dense performance: a key every frame of 30 fps on every expression direction and on yaw, pitch and
// roll (as a driven or generated take leaves before reduction), so evaluate() searches real key lists.
// The 3D face's analysis (decode at 1024 px, face detection and landmarks) happens once per portrait and is printed
// apart; the studio keeps it while the portrait stays.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../src/shared/engine/expression-directions'
import { seededRandom } from '../src/shared/generate/seeded-random'
import { createDocument, keyId, seconds, type AnimationDocument } from '../src/shared/timeline'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { createEngine } from '../src/main/core/engine/engine'
import { exportFaceGlb, FACE_MESH_PICTURE_SIDE } from '../src/main/core/export/export-face-glb'
import { exportRigCurves } from '../src/main/core/export/export-rig-curves'
import { analysedFaceFromFile } from '../src/main/core/render/avatar-from-file'

const KEY_FPS = 30

function argNumber(name: string, fallback: number): number {
  const at = process.argv.indexOf(name)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}

/** `durationSec` of a key every 1/30 s on every expression direction and on yaw, pitch and roll. */
export function densePerformance(durationSec: number): AnimationDocument {
  const base = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps: KEY_FPS, durationSec: seconds(durationSec) }
  })
  const random = seededRandom(17)
  const keyed = new Set([...BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name), 'yaw', 'pitch', 'roll'])
  const count = Math.round(durationSec * KEY_FPS) + 1
  const tracks = base.tracks.map((track) => {
    if (!keyed.has(track.name)) return track
    const span = track.kind === 'camera' ? 20 : 1
    const keys = Array.from({ length: count }, (_, i) => ({
      id: keyId(`${track.name}-${i}`),
      time: seconds(i / KEY_FPS),
      value: random.between(-span, span),
      interpolation: 'linear' as const
    }))
    return { ...track, keys }
  })
  return { ...base, tracks }
}

export async function benchMotionData(): Promise<void> {
  const durationSec = argNumber('--seconds', 60)
  const fps = argNumber('--fps', 60)
  const frameCount = Math.round(durationSec * fps)
  const document = densePerformance(durationSec)
  const keys = document.tracks.reduce((n, t) => n + t.keys.length, 0)
  console.log(`motion data: ${durationSec} s at ${fps} fps (${frameCount} frames), ${keys} keys`)
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-motion-'))
  try {
    const curves = await exportRigCurves({
      document,
      startSec: 0,
      fps,
      frameCount,
      format: 'arkit-csv',
      outPath: join(dir, 'take.csv')
    })
    console.log(
      `arkit-csv: ${curves.elapsedMs.toFixed(0)} ms, ${(curves.bytes / 1024 / 1024).toFixed(1)} MiB`
    )
    const analysisStarted = performance.now()
    const engine = await createEngine({ threads: 2 })
    const analysed = await analysedFaceFromFile(resolve(process.cwd(), 'test/fixtures/astronaut.png'), {
      resourcesDir: resolveResourcesDir(),
      maxSide: FACE_MESH_PICTURE_SIDE
    })
    console.log(
      `glb: the face analysed once per portrait (engine load, decode, detection, landmarks): ` +
        `${(performance.now() - analysisStarted).toFixed(0)} ms`
    )
    const glb = await exportFaceGlb({
      source: { ...analysed, engine },
      document,
      startSec: 0,
      fps,
      frameCount,
      outPath: join(dir, 'face.glb')
    })
    console.log(
      `glb: ${glb.elapsedMs.toFixed(0)} ms, ${(glb.bytes / 1024 / 1024).toFixed(1)} MiB, ${glb.targets} morph targets`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
