// The animated 3D face opens in three.js (issue 17): the .glb the exporter writes is loaded by three's own
// GLTFLoader in Chromium and drawn with WebGL; its mesh, morph targets and animation arrive whole, and a smile's
// morph target changes the drawn face.
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { createDocument, seconds, setKey, trackIdFor } from '@shared/timeline'
import { createEngine } from '../../src/main/core/engine/engine'
import { exportFaceGlb } from '../../src/main/core/export/export-face-glb'
import { analysedFaceFromFile } from '../../src/main/core/render/avatar-from-file'

const ROOT = resolve(__dirname, '..', '..')
const THREE = join(ROOT, 'node_modules', 'three')
/** A page origin of our own: three's files are served from node_modules through routes, nothing else loads. */
const ORIGIN = 'http://three.test'

const FILES: Record<string, string> = {
  '/three.module.js': join(THREE, 'build', 'three.module.js'),
  '/three.core.js': join(THREE, 'build', 'three.core.js'),
  '/addons/loaders/GLTFLoader.js': join(THREE, 'examples', 'jsm', 'loaders', 'GLTFLoader.js'),
  '/addons/utils/BufferGeometryUtils.js': join(THREE, 'examples', 'jsm', 'utils', 'BufferGeometryUtils.js'),
  '/addons/utils/SkeletonUtils.js': join(THREE, 'examples', 'jsm', 'utils', 'SkeletonUtils.js')
}

const PAGE = `<!doctype html><html><body style="margin:0;background:#000">
<script type="importmap">{ "imports": { "three": "/three.module.js", "three/addons/": "/addons/" } }</script>
<canvas id="view" width="256" height="256"></canvas></body></html>`

interface Loaded {
  meshes: number
  targets: string[]
  animations: { name: string; duration: number; tracks: string[] }[]
  /** Lit pixels of the drawn face at rest, and how many differ with the smile's target at 1. */
  lit: number
  changed: number
}

test('the exported .glb opens in three.js: mesh, morph targets and animation, drawn with WebGL', async ({
  page
}) => {
  test.setTimeout(120_000)
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-three-'))
  const engine = await createEngine({ threads: 2 })
  const analysed = await analysedFaceFromFile(join(ROOT, 'test', 'fixtures', 'astronaut.png'), {
    resourcesDir: join(ROOT, 'resources'),
    maxSide: 512
  })
  let animation = createDocument({
    expressionNames: engine.directionNames,
    settings: { fps: 24, durationSec: seconds(1) }
  })
  animation = setKey(animation, trackIdFor('expression', 'smile'), seconds(0), 0).document
  animation = setKey(animation, trackIdFor('expression', 'smile'), seconds(1), 1).document
  const out = join(dir, 'face.glb')
  await exportFaceGlb({
    source: { ...analysed, engine },
    document: animation,
    startSec: 0,
    fps: 24,
    frameCount: 24,
    outPath: out
  })

  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE })
    const file = FILES[path]
    if (!file) return route.fulfill({ status: 404, body: `not served: ${path}` })
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file, 'utf8') })
  })
  await page.goto(`${ORIGIN}/`)
  const glb = readFileSync(out).toString('base64')
  const loaded = await page.evaluate(async (base64: string): Promise<Loaded> => {
    // Module specifiers resolve through the page's import map; kept in variables so TypeScript leaves them be.
    const threeUrl = 'three'
    const loaderUrl = 'three/addons/loaders/GLTFLoader.js'
    const THREE = await import(threeUrl)
    const { GLTFLoader } = await import(loaderUrl)
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const gltf = await new GLTFLoader().parseAsync(bytes.buffer, '')
    const meshes: { morphTargetDictionary?: Record<string, number>; morphTargetInfluences?: number[] }[] = []
    gltf.scene.traverse((o: { isMesh?: boolean }) => {
      if (o.isMesh) meshes.push(o as never)
    })
    const canvas = document.getElementById('view') as HTMLCanvasElement
    const renderer = new THREE.WebGLRenderer({ canvas, preserveDrawingBuffer: true })
    const scene = new THREE.Scene()
    scene.add(new THREE.AmbientLight(0xffffff, 3))
    scene.add(gltf.scene)
    const box = new THREE.Box3().setFromObject(gltf.scene)
    const centre = box.getCenter(new THREE.Vector3())
    const size = box.getSize(new THREE.Vector3())
    const camera = new THREE.PerspectiveCamera(30, 1, 0.01, 10)
    camera.position.set(centre.x, centre.y, centre.z + 2.2 * Math.max(size.x, size.y))
    camera.lookAt(centre)
    const draw = () => {
      renderer.render(scene, camera)
      const gl = renderer.getContext()
      const pixels = new Uint8Array(256 * 256 * 4)
      gl.readPixels(0, 0, 256, 256, gl.RGBA, gl.UNSIGNED_BYTE, pixels)
      return pixels
    }
    const rest = draw()
    const face = meshes[0]!
    const smile = face.morphTargetDictionary?.['smile'] ?? -1
    for (const mesh of meshes)
      if (mesh.morphTargetInfluences && smile >= 0) mesh.morphTargetInfluences[smile] = 1
    const smiling = draw()
    let lit = 0
    let changed = 0
    for (let i = 0; i < rest.length; i += 4) {
      if (rest[i]! + rest[i + 1]! + rest[i + 2]! > 30) lit++
      if (Math.abs(rest[i]! - smiling[i]!) + Math.abs(rest[i + 1]! - smiling[i + 1]!) > 24) changed++
    }
    return {
      meshes: meshes.length,
      targets: Object.keys(face.morphTargetDictionary ?? {}),
      animations: gltf.animations.map(
        (a: { name: string; duration: number; tracks: { name: string }[] }) => ({
          name: a.name,
          duration: a.duration,
          tracks: a.tracks.map((t) => t.name)
        })
      ),
      lit,
      changed
    }
  }, glb)
  await page.screenshot({ path: 'test-results/screens/43-glb-in-three.png' })

  expect(loaded.meshes).toBeGreaterThanOrEqual(1)
  expect(loaded.targets).toEqual(expect.arrayContaining(['smile', 'jawOpen', 'blinkL']))
  expect(loaded.targets).toHaveLength(engine.directionNames.length)
  expect(loaded.animations).toHaveLength(1)
  // 24 keys at 24 fps: the last at 23/24 s.
  expect(loaded.animations[0]!.duration).toBeCloseTo(23 / 24, 3)
  expect(loaded.animations[0]!.tracks.some((t) => t.endsWith('.morphTargetInfluences'))).toBe(true)
  expect(loaded.animations[0]!.tracks.some((t) => t.endsWith('.quaternion'))).toBe(true)
  // The face is drawn (textured, lit) and the smile's target moves it.
  expect(loaded.lit).toBeGreaterThan(2000)
  expect(loaded.changed).toBeGreaterThan(50)
})
