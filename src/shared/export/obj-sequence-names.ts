// How the 3D face's OBJ sequence names its files. The sequence is a folder `<stem>/` holding one Wavefront OBJ a
// frame, `<stem>_00001.obj`, … (numbered as an image sequence's frames, `image-sequence-names.ts`), the materials
// they share, `<stem>.mtl`, and the three textures it names, `<stem>_face.png` (the photo), `<stem>_eyes.png` (the
// photo with the painted eyeballs, for the eye sheets) and `<stem>_teeth.png` (for the teeth).
import { sequenceFrameName, SEQUENCE_MIN_DIGITS } from './image-sequence-names'

/** The mesh of 0-based frame `index`: `face_00001.obj` for index 0. */
export function objFrameName(stem: string, index: number, digits = SEQUENCE_MIN_DIGITS): string {
  return sequenceFrameName(stem, index, digits).replace(/\.png$/, '.obj')
}

/** The material library every frame refers to: `face.mtl`. */
export function objMaterialLibraryName(stem: string): string {
  return `${stem}.mtl`
}

/** The texture of the skin (`face`), the eye sheets (`eyes`) or the teeth (`teeth`): `face_face.png`. */
export function objTextureName(stem: string, part: 'face' | 'eyes' | 'teeth'): string {
  return `${stem}_${part}.png`
}

/**
 * True for an entry an earlier OBJ sequence may have written: an OBJ, its MTL or a PNG texture. A folder that holds
 * only such files may be replaced (when the user agrees); anything else in it is someone's work.
 */
export function isObjSequenceFileName(name: string): boolean {
  return /\.(obj|mtl|png)$/i.test(name) && !name.startsWith('.')
}
