// The animated 3D face as a glTF 2.0 document (`@gltf-transform/core`), written as one binary .glb.
//
// Scene graph (glTF's frame: +X the subject's left, +Y up, +Z out of the face, metres):
//   head           translation = the pivot as posed, rotation animated (the camera orbit as a head rotation)
//   └ portrait pose  rotation = the portrait's own head pose (so the rest view is the photo's), static
//     └ face         translation = −pivot, the mesh; its morph weights animated, one target per direction
// so a vertex p lands at R_orbit · R_pose · (p − pivot) + R_pose · pivot, as the renderer turns the head about the
// same pivot (`head-proxy.ts`, HEAD_CENTRE). Clearing the portrait pose's rotation gives a frontal face.
import { Document, NodeIO, type Accessor } from '@gltf-transform/core'
import {
  multiplyQuaternions,
  type FaceAnimationSamples,
  type Quaternion
} from '@shared/export/face-animation'
import { type FaceMesh } from './face-mesh'
import { MOUTH_COLOURS, type MouthColour } from './face-mouth'

export interface EncodedImage {
  readonly data: Uint8Array
  readonly mimeType: 'image/jpeg' | 'image/png'
}

export interface FaceGltfInput {
  readonly mesh: FaceMesh
  /** The texture: the portrait's `mesh.textureBox`, encoded. */
  readonly texture: EncodedImage
  /** The eye sheets' texture: the same box with the painted eyeballs (`mesh.eyePatches`) laid over the photo. */
  readonly eyeTexture: EncodedImage
  /** The teeth's texture: the same box, ivory outside the photo's mouth opening (`paintTeeth`). */
  readonly teethTexture: EncodedImage
  readonly animation: FaceAnimationSamples
  readonly fps: number
  readonly frameCount: number
  /** The head's rotation centre in the face frame, metres. */
  readonly pivot: readonly [number, number, number]
  /** The portrait's own head rotation (glTF quaternion). */
  readonly portraitPose: Quaternion
  /** Written in the asset's `generator`. */
  readonly generator: string
}

/** Rotates `v` by the unit quaternion `q`. */
function rotate(q: Quaternion, v: readonly [number, number, number]): [number, number, number] {
  const conjugate = [-q[0], -q[1], -q[2], q[3]]
  const [x, y, z] = multiplyQuaternions(multiplyQuaternions(q, [v[0], v[1], v[2], 0]), conjugate)
  return [x, y, z]
}

/**
 * The glTF document of the animated face: one mesh (the skin, the eyes and the teeth with their three textures, the
 * mouth's cavity in a plain colour; four primitives sharing the vertices and the morph targets), one animation named
 * "performance".
 */
export function buildFaceGltf(input: FaceGltfInput): Document {
  const { mesh, fps, frameCount } = input
  const doc = new Document()
  doc.getRoot().getAsset().generator = input.generator
  const buffer = doc.createBuffer()
  const accessor = (name: string, type: 'SCALAR' | 'VEC2' | 'VEC3' | 'VEC4', array: Float32Array): Accessor =>
    doc.createAccessor(name).setType(type).setArray(array).setBuffer(buffer)

  const material = (name: string, look: EncodedImage | MouthColour) => {
    const made = doc.createMaterial(name).setMetallicFactor(0).setRoughnessFactor(1)
    if ('colour' in look) return made.setBaseColorFactor([...look.colour, 1])
    const texture = doc.createTexture(name).setImage(look.data).setMimeType(look.mimeType)
    made.setBaseColorTexture(texture)
    made.getBaseColorTextureInfo()?.setWrapS(33071).setWrapT(33071) // CLAMP_TO_EDGE
    return made
  }
  // The skin and the eye sheets share the vertices and the morph targets; each has its own triangles and texture.
  const position = accessor('position', 'VEC3', mesh.position)
  const normal = accessor('normal', 'VEC3', mesh.normal)
  const texcoord = accessor('texcoord', 'VEC2', mesh.texcoord)
  const targets = mesh.targets.map((target) => ({
    name: target.name,
    position: accessor(`${target.name}.position`, 'VEC3', target.position),
    normal: accessor(`${target.name}.normal`, 'VEC3', target.normal)
  }))
  const primitive = (name: string, indices: Uint16Array, look: EncodedImage | MouthColour) => {
    const made = doc
      .createPrimitive()
      .setMaterial(material(name, look))
      .setIndices(doc.createAccessor(`${name}.indices`).setType('SCALAR').setArray(indices).setBuffer(buffer))
      .setAttribute('POSITION', position)
      .setAttribute('NORMAL', normal)
      .setAttribute('TEXCOORD_0', texcoord)
    for (const target of targets) {
      made.addTarget(
        doc
          .createPrimitiveTarget(target.name)
          .setAttribute('POSITION', target.position)
          .setAttribute('NORMAL', target.normal)
      )
    }
    return made
  }
  const faceMesh = doc
    .createMesh('face')
    .addPrimitive(primitive('face', mesh.indices, input.texture))
    .addPrimitive(primitive('eyes', mesh.eyeIndices, input.eyeTexture))
    .addPrimitive(primitive('mouth', mesh.mouthIndices, MOUTH_COLOURS.mouth))
    .addPrimitive(primitive('teeth', mesh.teethIndices, input.teethTexture))
    .setWeights(mesh.targets.map(() => 0))

  const pivot = input.pivot
  const face = doc.createNode('face').setMesh(faceMesh).setTranslation([-pivot[0], -pivot[1], -pivot[2]])
  const pose = doc.createNode('portrait pose').setRotation(input.portraitPose).addChild(face)
  const head = doc.createNode('head').setTranslation(rotate(input.portraitPose, pivot)).addChild(pose)
  doc.createScene('face').addChild(head)
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]!)

  const times = accessor(
    'time',
    'SCALAR',
    Float32Array.from({ length: frameCount }, (_, i) => i / fps)
  )
  const weights = doc
    .createAnimationSampler()
    .setInput(times)
    .setOutput(accessor('weights', 'SCALAR', input.animation.weights))
    .setInterpolation('LINEAR')
  const rotation = doc
    .createAnimationSampler()
    .setInput(times)
    .setOutput(accessor('head rotation', 'VEC4', input.animation.rotations))
    .setInterpolation('LINEAR')
  doc
    .createAnimation('performance')
    .addSampler(weights)
    .addSampler(rotation)
    .addChannel(doc.createAnimationChannel().setTargetNode(face).setTargetPath('weights').setSampler(weights))
    .addChannel(
      doc.createAnimationChannel().setTargetNode(head).setTargetPath('rotation').setSampler(rotation)
    )
  return doc
}

/** The document as one binary glTF (.glb). */
export async function writeFaceGlb(doc: Document): Promise<Uint8Array> {
  return new NodeIO().writeBinary(doc)
}
