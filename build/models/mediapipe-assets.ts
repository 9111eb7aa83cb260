/**
 * Locating the MediaPipe model files inside the npm packages.
 *
 * `@mediapipe/face_mesh` packs its models into `face_mesh_solution_packed_assets.data`; the Emscripten loader
 * script `face_mesh_solution_packed_assets_loader.js` ends with `loadPackage({"files": [{"filename", "start",
 * "end"}...], ...})`. We parse that JSON metadata (never hard-coded offsets) and slice the data file.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface PackedFile {
  filename: string
  start: number
  end: number
}

export interface PackageInfo {
  name: string
  version: string
  license: string
  dir: string
}

/** Extract the `loadPackage({...})` metadata object from an Emscripten file-packager loader script. */
export function parsePackedAssetsLoader(source: string): PackedFile[] {
  const marker = 'loadPackage('
  let at = source.lastIndexOf(marker)
  while (at >= 0) {
    const open = source.indexOf('{', at + marker.length)
    const between = source.slice(at + marker.length, open)
    if (open > 0 && between.trim() === '') {
      const json = balancedObject(source, open)
      const meta = JSON.parse(json) as { files?: unknown }
      if (!Array.isArray(meta.files)) throw new Error('Packed assets metadata without "files"')
      return meta.files.map((f: unknown) => {
        const r = f as Record<string, unknown>
        if (typeof r.filename !== 'string' || typeof r.start !== 'number' || typeof r.end !== 'number') {
          throw new Error(`Bad packed file entry ${JSON.stringify(f)}`)
        }
        return { filename: r.filename, start: r.start, end: r.end }
      })
    }
    at = source.lastIndexOf(marker, at - 1)
  }
  throw new Error('No loadPackage({...}) metadata found in loader script')
}

/** The text of the JSON object starting at `open` (a '{'), honouring strings. */
function balancedObject(s: string, open: number): string {
  let depth = 0
  let inString = false
  for (let i = open; i < s.length; i++) {
    const c = s[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}') {
      depth--
      if (depth === 0) return s.slice(open, i + 1)
    }
  }
  throw new Error('Unbalanced metadata object in loader script')
}

export function readPackageInfo(root: string, name: string): PackageInfo {
  const dir = join(root, 'node_modules', ...name.split('/'))
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version?: string
    license?: string
  }
  return { name, version: pkg.version ?? 'unknown', license: pkg.license ?? 'Apache-2.0', dir }
}

/** Read one packed file of the face_mesh package by the basename of its packed path. */
export function readFaceMeshAsset(faceMeshDir: string, basename: string): Uint8Array {
  return readPackedAsset(faceMeshDir, 'face_mesh_solution', basename)
}

/**
 * Read one packed file of a MediaPipe solution package (`<solution>_packed_assets.data`, listed by
 * `<solution>_packed_assets_loader.js`) by the basename of its packed path.
 */
export function readPackedAsset(packageDir: string, solution: string, basename: string): Uint8Array {
  const loader = readFileSync(join(packageDir, `${solution}_packed_assets_loader.js`), 'utf8')
  const files = parsePackedAssetsLoader(loader)
  const entry = files.find((f) => f.filename.split('/').pop() === basename)
  if (!entry)
    throw new Error(
      `${basename} not found in ${solution} packed assets (have ${files.map((f) => f.filename).join(', ')})`
    )
  const data = readFileSync(join(packageDir, `${solution}_packed_assets.data`))
  if (entry.end > data.length)
    throw new Error(`${basename}: packed range ${entry.start}-${entry.end} beyond data file`)
  return new Uint8Array(data.buffer, data.byteOffset + entry.start, entry.end - entry.start).slice()
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}
