import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Lower-case hex SHA-256 of a file, streamed (portraits can be tens of MB). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Lower-case hex SHA-256 of bytes in memory (an embedded portrait). */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
