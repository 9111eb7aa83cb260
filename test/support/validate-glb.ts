// The Khronos glTF validator over a .glb's bytes, and the file read back with @gltf-transform/core.
import { readFile } from 'node:fs/promises'
import { NodeIO, type Document } from '@gltf-transform/core'
import { validateBytes, type ValidationReport } from 'gltf-validator'

/** The validator's report of the file at `path` (every issue kept). */
export async function validateGlb(path: string): Promise<ValidationReport> {
  return validateBytes(new Uint8Array(await readFile(path)), { uri: path, format: 'glb', maxIssues: 0 })
}

/** The issues of `report` at `severity` (0 error, 1 warning) as "CODE pointer: message" lines. */
export function issueLines(report: ValidationReport, severity: number): string[] {
  return report.issues.messages
    .filter((m) => m.severity === severity)
    .map((m) => `${m.code} ${m.pointer ?? ''}: ${m.message}`)
}

export async function readGlb(path: string): Promise<Document> {
  return new NodeIO().readBinary(new Uint8Array(await readFile(path)))
}
