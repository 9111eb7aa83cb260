import { describe, expect, it } from 'vitest'
import { formatFaceMtl, formatFaceObj } from '../../../src/main/core/export/format-face-obj'
import { type FaceMesh } from '../../../src/main/core/export/face-mesh'
import { poseFaceMesh } from '../../../src/main/core/export/pose-face-mesh'

/**
 * Four vertices: the skin is the first triangle, the eyes the second (no mouth); one target moves vertex 0 up 1 cm.
 */
const mesh = {
  position: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0]),
  normal: Float32Array.from([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
  texcoord: Float32Array.from([0, 1, 1, 1, 0, 0, 1, 0]),
  indices: Uint16Array.from([0, 1, 2]),
  eyeIndices: Uint16Array.from([1, 3, 2]),
  mouthIndices: new Uint16Array(0),
  teethIndices: new Uint16Array(0),
  targets: [
    {
      name: 'raise',
      position: Float32Array.from([0, 0.01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      normal: new Float32Array(12)
    }
  ]
} as unknown as FaceMesh

describe('the OBJ sequence’s text', () => {
  it('writes vertices, OBJ texture coordinates (v up), normals and 1-based faces per material', () => {
    const text = formatFaceObj(mesh, mesh.position, mesh.normal, {
      materialLibrary: 'f.mtl',
      comment: 'frame 1'
    })
    expect(text.split('\n')).toEqual([
      '# frame 1',
      'mtllib f.mtl',
      'o face',
      'v 0 0 0',
      'v 1 0 0',
      'v 0 1 0',
      'v 1 1 0',
      'vt 0 0',
      'vt 1 0',
      'vt 0 1',
      'vt 1 1',
      'vn 0 0 1',
      'vn 0 0 1',
      'vn 0 0 1',
      'vn 0 0 1',
      'usemtl face',
      'f 1/1/1 2/2/2 3/3/3',
      'usemtl eyes',
      'f 2/2/2 4/4/4 3/3/3',
      'usemtl mouth',
      'usemtl teeth',
      ''
    ])
    const mtl = formatFaceMtl({ face: 'f_face.png', eyes: 'f_eyes.png', teeth: 'f_teeth.png' }, 'materials')
    expect(mtl).toContain('newmtl face\n')
    expect(mtl).toContain('map_Kd f_face.png\n')
    expect(mtl).toContain('newmtl eyes\n')
    expect(mtl).toContain('map_Kd f_eyes.png\n')
    // The cavity is a plain dark colour; the teeth have their texture.
    expect(mtl).toMatch(/newmtl mouth\nKa 1 1 1\nKd 0\.05 0\.012 0\.012\n/)
    expect(mtl).toContain('map_Kd f_teeth.png\n')
  })

  it('poses a frame: the weights deform, then the head turns about the pivot', () => {
    const position = new Float32Array(12)
    const normal = new Float32Array(12)
    const still = {
      rotation: [0, 0, 0, 1],
      portraitPose: [0, 0, 0, 1],
      pivot: [0, 0, 0] as [number, number, number]
    }
    poseFaceMesh(mesh, { ...still, weights: [0.5] }, position, normal)
    expect(Array.from(position.subarray(0, 3))).toEqual([0, expect.closeTo(0.005, 9), 0])
    expect(Array.from(position.subarray(3))).toEqual(Array.from(mesh.position.subarray(3)))
    // A quarter turn about +y (toward the subject's left) takes +z (the face's front) to +x, +x to −z.
    const s = Math.SQRT1_2
    poseFaceMesh(mesh, { ...still, weights: [0], rotation: [0, s, 0, s], pivot: [0, 0, 1] }, position, normal)
    expect(Array.from(normal.subarray(0, 3)).map((v) => Number(v.toFixed(6)) + 0)).toEqual([1, 0, 0])
    // Vertex 1 (1, 0, 0) is (1, 0, −1) from the pivot (0, 0, 1): turned, (−1, 0, −1), placed back at (−1, 0, 0).
    expect(Array.from(position.subarray(3, 6)).map((v) => Number(v.toFixed(6)) + 0)).toEqual([-1, 0, 0])
  })
})
