import { extname } from 'node:path'
import {
  OUTPUT_FORMATS,
  isFaceMesh,
  isImageSequence,
  isRigCurves,
  type OutputFormat
} from '@shared/export/output-formats'
import type { FileRef } from '@shared/ipc/contract'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort } from '../ipc/ports'

/**
 * Asks where to save an export in `format`; the name gets the format's extension. A PNG or OBJ sequence is a folder:
 * the name typed is the folder's (a .png or .obj typed after it is dropped), which its frames are named after.
 */
export async function chooseExportFile(
  deps: { dialogs: DialogPort; grants: FileGrants },
  defaultName: string,
  format: OutputFormat
): Promise<FileRef | null> {
  const { extension, fileKind } = OUTPUT_FORMATS[format]
  const stem = defaultName
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\.(mp4|mov|webm|gif|png|csv|json|glb|obj)$/i, '')
  if (OUTPUT_FORMATS[format].folder) {
    const path = await deps.dialogs.saveFile({
      title: isImageSequence(format)
        ? 'Export PNG sequence: name its folder'
        : 'Export the 3D face as OBJ: name its folder',
      defaultName: stem,
      filters: [{ name: fileKind, extensions: ['*'] }]
    })
    if (path === null) return null
    return deps.grants.grantOutputFolder(path.replace(/\.(png|obj)$/i, ''))
  }
  let path = await deps.dialogs.saveFile({
    title: isRigCurves(format)
      ? 'Export rig curves'
      : isFaceMesh(format)
        ? 'Export the 3D face'
        : 'Export video',
    defaultName: stem + extension,
    filters: [{ name: fileKind, extensions: [extension.slice(1)] }]
  })
  if (path === null) return null
  if (extname(path).toLowerCase() !== extension) path += extension
  return deps.grants.grantOutput(path)
}
