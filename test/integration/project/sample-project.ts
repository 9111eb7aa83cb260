import { type ProjectFile, createProjectFile } from '@shared/project'
import { createDocument, seconds, setKey, trackIdFor } from '@shared/timeline'

export function sampleProject(portraitPath = '/nowhere/portrait.png', sha256 = 'a'.repeat(64)): ProjectFile {
  const doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
  const keyed = setKey(doc, trackIdFor('expression', 'smile'), seconds(1), 0.5).document
  return createProjectFile({
    appVersion: '0.1.0',
    now: new Date('2026-11-21T10:00:00Z'),
    portrait: { kind: 'reference', path: portraitPath, sha256, fileName: 'portrait.png' },
    enginePack: { id: 'mimesis-builtin', version: '0.1.0' },
    document: keyed
  })
}
