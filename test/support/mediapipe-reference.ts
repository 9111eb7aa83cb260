// Runs the original MediaPipe face mesh JS solution (@mediapipe/face_mesh 0.4.1633559619) in Debian's
// Chromium through playwright-core, as the reference our ONNX pipeline is compared with.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import sharp from 'sharp'

export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

const PACKAGE_DIR = resolve(process.cwd(), 'node_modules/@mediapipe/face_mesh')

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
  '.html': 'text/html',
  '.png': 'image/png'
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><script src="/mp/face_mesh.js"></script></head>
<body><script>
  let faceMesh = null
  let lastResults = null
  window.runReference = async (imageUrl) => {
    if (faceMesh === null) {
      faceMesh = new FaceMesh({ locateFile: (file) => '/mp/' + file })
      faceMesh.setOptions({
        maxNumFaces: 1,
        refineLandmarks: new URLSearchParams(location.search).get('refine') === '1',
        staticImageMode: true,
        minDetectionConfidence: 0.5,
        minTrackingConfidence: 0.5
      })
      faceMesh.onResults((results) => { lastResults = results })
      await faceMesh.initialize()
    }
    const image = new Image()
    image.src = imageUrl
    await image.decode()
    lastResults = null
    // Despite staticImageMode, this solution version reuses the previous image's landmarks as the next
    // ROI; reset() clears that state so every image is analysed from a fresh detection.
    faceMesh.reset()
    await faceMesh.send({ image })
    const faces = (lastResults && lastResults.multiFaceLandmarks) || []
    return {
      width: image.naturalWidth,
      height: image.naturalHeight,
      faces: faces.map((face) => face.map((p) => [p.x, p.y, p.z]))
    }
  }
</script></body></html>`

/** 8-bit RGB pixels, as decodeImage returns them. */
export interface ReferenceImage {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

export interface MediapipeReference {
  /**
   * The reference landmarks of the most prominent face (468, or 478 with refineLandmarks), flat x, y, z: x and y in px of the given
   * image, z (normalised by MediaPipe like x) multiplied by the image width. Null when no face was found.
   */
  landmarks(image: ReferenceImage): Promise<Float32Array | null>
  close(): Promise<void>
}

/** Why the reference cannot run here, or null when it can. */
export function mediapipeReferenceUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is missing (install Debian's chromium package)`
  if (!existsSync(join(PACKAGE_DIR, 'face_mesh.js'))) return `${PACKAGE_DIR} is missing (npm install)`
  return null
}

/**
 * Starts a local server for the package files and a Chromium page running the solution, with MediaPipe's
 * refineLandmarks (the attention model: refined lips, eyes and irises) on or off.
 */
export async function startMediapipeReference(
  options: { refineLandmarks?: boolean } = {}
): Promise<MediapipeReference> {
  const unavailable = mediapipeReferenceUnavailableReason()
  if (unavailable != null) throw new Error(`MediaPipe reference unavailable: ${unavailable}`)
  const images = new Map<string, Buffer>()
  let nextImage = 0
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      let body: Buffer | null = null
      let type = 'application/octet-stream'
      if (url.pathname === '/') {
        body = Buffer.from(PAGE)
        type = CONTENT_TYPES['.html']
      } else if (url.pathname.startsWith('/mp/')) {
        const name = url.pathname.slice(4)
        if (/^[\w.-]+$/.test(name)) {
          body = await readFile(join(PACKAGE_DIR, name)).catch(() => null)
          type = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? type
        }
      } else if (url.pathname.startsWith('/image/')) {
        body = images.get(url.pathname.slice(7)) ?? null
        type = CONTENT_TYPES['.png']
      }
      if (body == null) {
        response.writeHead(404).end()
        return
      }
      response.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body)
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  let browser: Browser | null = null
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
    const page: Page = await browser.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`http://127.0.0.1:${port}/${options.refineLandmarks === true ? '?refine=1' : ''}`)
    const openBrowser = browser
    return {
      async landmarks(image) {
        const id = `${nextImage++}.png`
        images.set(
          id,
          await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
            raw: { width: image.width, height: image.height, channels: 3 }
          })
            .png({ compressionLevel: 1 })
            .toBuffer()
        )
        try {
          const result = await page.evaluate(
            (url) =>
              (
                globalThis as unknown as {
                  runReference(u: string): Promise<{ width: number; height: number; faces: number[][][] }>
                }
              ).runReference(url),
            `/image/${id}`
          )
          const face = result.faces[0]
          if (face == null) return null
          const out = new Float32Array(face.length * 3)
          face.forEach(([x, y, z], i) =>
            out.set([x * result.width, y * result.height, z * result.width], i * 3)
          )
          return out
        } catch (error) {
          throw new Error(`MediaPipe reference failed: ${String(error)} ${pageErrors.join('; ')}`, {
            cause: error
          })
        } finally {
          images.delete(id)
        }
      },
      async close() {
        await openBrowser.close()
        await new Promise<void>((done) => server.close(() => done()))
      }
    }
  } catch (error) {
    await browser?.close()
    server.close()
    throw error
  }
}
