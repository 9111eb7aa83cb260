import { describe, expect, it } from 'vitest'
import { resolveRenderJob, type RenderCliOptions } from '../../../src/main/cli/render-job'

const opts = (o: Partial<RenderCliOptions> & { out: string }): RenderCliOptions => ({ threads: 2, ...o })

describe('resolveRenderJob', () => {
  it('refuses an output that is the input itself (it would overwrite the portrait)', () => {
    expect(() => resolveRenderJob('me.png', opts({ out: 'me.png' }))).toThrow(/is the input itself/)
    expect(() => resolveRenderJob('./pics/../me.png', opts({ out: 'me.png' }))).toThrow(/is the input itself/)
    expect(resolveRenderJob('me.png', opts({ out: 'me-still.png' })).kind).toBe('still')
  })

  it('a portrait with a .png output is a still, with defaults', () => {
    expect(resolveRenderJob('me.jpg', opts({ out: 'frame.png' }))).toEqual({
      kind: 'still',
      portrait: 'me.jpg',
      out: 'frame.png',
      depthOut: null,
      expression: {},
      camera: {},
      size: 512,
      aspect: 'square',
      faceIndex: 0
    })
  })

  it('a still takes the expression, the camera, the depth map, the size and the face (counted from 1)', () => {
    expect(
      resolveRenderJob(
        'me.jpg',
        opts({
          out: 'frame.png',
          expr: { smile: 0.8 },
          yaw: 20,
          pitch: -5,
          panY: 0.1,
          depth: 'depth.PNG',
          size: 256,
          face: 2
        })
      )
    ).toMatchObject({
      kind: 'still',
      expression: { smile: 0.8 },
      camera: { yaw: 20, pitch: -5, panY: 0.1 },
      depthOut: 'depth.PNG',
      size: 256,
      faceIndex: 1
    })
  })

  it('a portrait with --preset is a video, 6 s at 30 fps and 512 px unless told otherwise', () => {
    expect(resolveRenderJob('me.jpg', opts({ out: 'clip.mp4', preset: 'turntable' }))).toEqual({
      kind: 'preset',
      portrait: 'me.jpg',
      out: 'clip.mp4',
      format: 'mp4-h264',
      preset: 'turntable',
      seconds: 6,
      fps: 30,
      size: 512,
      aspect: 'square',
      faceIndex: 0,
      quality: 'standard',
      sequence: null
    })
    expect(
      resolveRenderJob(
        'me.jpg',
        opts({ out: 'clip.webm', preset: 'expressions', seconds: 2, fps: 24, size: 128, quality: 'draft' })
      )
    ).toMatchObject({ format: 'webm-vp9', seconds: 2, fps: 24, size: 128, quality: 'draft' })
  })

  it('--aspect portrait keeps the portrait’s own aspect for a still or a preset (default: a square framed on the head)', () => {
    expect(resolveRenderJob('me.jpg', opts({ out: 'x.png', aspect: 'portrait', size: 800 }))).toMatchObject({
      kind: 'still',
      size: 800,
      aspect: 'portrait'
    })
    expect(
      resolveRenderJob('me.jpg', opts({ out: 'x.mp4', preset: 'turntable', aspect: 'portrait' }))
    ).toMatchObject({ kind: 'preset', aspect: 'portrait' })
    expect(
      resolveRenderJob('me.jpg', opts({ out: 'x.mp4', preset: 'turntable', aspect: 'square' }))
    ).toMatchObject({ aspect: 'square' })
  })

  it('a .mimesis input is a project render that keeps the project settings unless overridden', () => {
    expect(resolveRenderJob('scene.mimesis', opts({ out: 'scene.mp4' }))).toEqual({
      kind: 'project',
      project: 'scene.mimesis',
      out: 'scene.mp4',
      format: 'mp4-h264',
      size: null,
      fps: null,
      range: 'all',
      faceIndex: null,
      quality: 'standard',
      sequence: null
    })
    expect(
      resolveRenderJob(
        'Scene.MIMESIS',
        opts({ out: 'scene.mov', size: 768, fps: 25, range: 'work-area', face: 1 })
      )
    ).toMatchObject({ format: 'mov-prores4444', size: 768, fps: 25, range: 'work-area', faceIndex: 0 })
  })

  it.each([
    ['me.jpg', { out: 'clip.mp4' }, /a portrait without --preset renders one still, which must be a \.png/],
    ['me.jpg', { out: 'x.png', fps: 30 }, /--fps cannot be used with a still/],
    [
      'me.jpg',
      { out: 'x.png', seconds: 2, range: 'all' as const },
      /--seconds, --range cannot be used with a still/
    ],
    ['me.jpg', { out: 'x.png', depth: 'depth.exr' }, /--depth depth\.exr: the depth map is written as a PNG/],
    [
      'me.jpg',
      { out: 'x.png', preset: 'turntable' as const },
      /A preset renders to a video; end the name in \.mp4/
    ],
    ['me.jpg', { out: 'x.mp4', preset: 'turntable' as const, yaw: 10 }, /--yaw cannot be used with a preset/],
    [
      'me.jpg',
      { out: 'x.mp4', preset: 'turntable' as const, depth: 'd.png' },
      /--depth cannot be used with a preset/
    ],
    [
      'me.jpg',
      { out: 'x.mp4', preset: 'turntable' as const, range: 'all' as const },
      /--range cannot be used/
    ],
    ['s.mimesis', { out: 'x.png' }, /A project renders to a video/],
    [
      's.mimesis',
      { out: 'x.mp4', expr: { smile: 1 }, roll: 3 },
      /--expr, --roll cannot be used with a project render/
    ],
    [
      's.mimesis',
      { out: 'x.mp4', preset: 'turntable' as const },
      /--preset cannot be used with a project render/
    ],
    ['s.mimesis', { out: 'x.mp4', seconds: 3 }, /--seconds cannot be used with a project render/],
    [
      's.mimesis',
      { out: 'x.mp4', aspect: 'portrait' as const },
      /--aspect cannot be used with a project render: the project holds the animation and its frame/
    ],
    ['me.jpg', { out: 'x.tiff' }, /must end in \.png/]
  ])('%s %j is refused', (input, options, message) => {
    expect(() => resolveRenderJob(input, opts(options))).toThrow(message)
    expect(() => resolveRenderJob(input, opts(options))).toThrow(expect.objectContaining({ code: 'usage' }))
  })

  describe('PNG sequences (--format png-seq)', () => {
    it('--format decides: a preset or a project into a folder, 8-bit without depth unless told', () => {
      expect(
        resolveRenderJob('me.jpg', opts({ out: 'renders/shot', preset: 'turntable', format: 'png-seq' }))
      ).toMatchObject({
        kind: 'preset',
        out: 'renders/shot',
        format: 'png-seq',
        sequence: { bitDepth: 8, depth: false, replace: false }
      })
      expect(
        resolveRenderJob(
          'scene.mimesis',
          opts({ out: 'renders/shot/', format: 'png-seq', bitDepth: 16, depth: true, overwrite: true })
        )
      ).toMatchObject({
        kind: 'project',
        out: 'renders/shot',
        format: 'png-seq',
        sequence: { bitDepth: 16, depth: true, replace: true }
      })
    })

    it('names the folder, not a frame: a .png or a printf pattern is refused with the way to write it', () => {
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 'shot.png', preset: 'turntable', format: 'png-seq' }))
      ).toThrow(/--out names the sequence's folder, e.g. renders\/shot/)
      expect(() => resolveRenderJob('me.jpg', opts({ out: 'shot_%05d.png', preset: 'turntable' }))).toThrow(
        /add --format png-seq/
      )
    })

    it('refuses sequence options for a video and a still, and video options for a sequence', () => {
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 'c.mp4', preset: 'turntable', bitDepth: 16 }))
      ).toThrow(/--bit-depth cannot be used with a video or a still/)
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 'c.mp4', preset: 'turntable', overwrite: true }))
      ).toThrow(/--overwrite cannot be used/)
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 'c.mp4', preset: 'turntable', depth: true }))
      ).toThrow(/--depth cannot be used with a preset/)
      expect(() =>
        resolveRenderJob(
          'me.jpg',
          opts({ out: 's', preset: 'turntable', format: 'png-seq', quality: 'high' })
        )
      ).toThrow(/--quality cannot be used with a PNG sequence/)
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 's', preset: 'turntable', format: 'png-seq', depth: 'd.png' }))
      ).toThrow(/give --depth without a file/)
      expect(() => resolveRenderJob('me.jpg', opts({ out: 'shot', format: 'png-seq' }))).toThrow(
        /A PNG sequence renders an animation: add --preset/
      )
      expect(() => resolveRenderJob('me.jpg', opts({ out: 'f.png', depth: true }))).toThrow(
        /--depth needs a file name/
      )
    })

    it('a video --format must match the extension of --out', () => {
      expect(
        resolveRenderJob('me.jpg', opts({ out: 'c.webm', preset: 'turntable', format: 'webm-vp9' }))
      ).toMatchObject({
        format: 'webm-vp9'
      })
      expect(() =>
        resolveRenderJob('me.jpg', opts({ out: 'c.mp4', preset: 'turntable', format: 'webm-vp9' }))
      ).toThrow(/--format webm-vp9 writes a \.webm file/)
    })
  })

  describe('rig curves', () => {
    it('a project to a .csv or .json is a project job in the curves format, --format deciding over the name', () => {
      expect(resolveRenderJob('scene.mimesis', opts({ out: 'c.csv' }))).toMatchObject({
        kind: 'project',
        format: 'arkit-csv',
        fps: null,
        range: 'all'
      })
      expect(
        resolveRenderJob(
          'scene.mimesis',
          opts({ out: 'c.json', format: 'arkit-json', fps: 60, range: 'work-area' })
        )
      ).toMatchObject({ kind: 'project', format: 'arkit-json', fps: 60, range: 'work-area' })
      expect(() => resolveRenderJob('scene.mimesis', opts({ out: 'c.csv', format: 'arkit-json' }))).toThrow(
        /--format arkit-json writes a \.json file/
      )
    })

    it("a portrait with --preset writes the preset's curves", () => {
      expect(resolveRenderJob('me.jpg', opts({ out: 'c.csv', preset: 'expressions' }))).toMatchObject({
        kind: 'preset',
        format: 'arkit-csv',
        preset: 'expressions'
      })
    })

    it('refuses the options about pictures', () => {
      for (const extra of [
        { size: 512 },
        { quality: 'high' as const },
        { face: 2 },
        { depth: true as const }
      ]) {
        expect(() => resolveRenderJob('scene.mimesis', opts({ out: 'c.csv', ...extra }))).toThrow(
          /cannot be used with rig curves/
        )
      }
      expect(() => resolveRenderJob('me.jpg', opts({ out: 'c.csv' }))).toThrow(/renders one still/)
    })
  })

  describe('the 3D face', () => {
    it('a project or a preset to a .glb is a glb job, --face and --fps applying', () => {
      expect(resolveRenderJob('scene.mimesis', opts({ out: 'f.glb', face: 2, fps: 60 }))).toMatchObject({
        kind: 'project',
        format: 'glb',
        fps: 60,
        faceIndex: 1
      })
      expect(
        resolveRenderJob('me.jpg', opts({ out: 'f.glb', format: 'glb', preset: 'expressions' }))
      ).toMatchObject({ kind: 'preset', format: 'glb', preset: 'expressions' })
      expect(() => resolveRenderJob('scene.mimesis', opts({ out: 'f.mp4', format: 'glb' }))).toThrow(
        /--format glb writes a \.glb file/
      )
    })

    it('refuses the options about pictures', () => {
      for (const extra of [{ size: 512 }, { quality: 'high' as const }, { depth: true as const }]) {
        expect(() => resolveRenderJob('scene.mimesis', opts({ out: 'f.glb', ...extra }))).toThrow(
          /cannot be used with the 3D face/
        )
      }
      expect(() => resolveRenderJob('me.jpg', opts({ out: 'f.glb' }))).toThrow(/renders one still/)
    })

    it('--format obj-seq names a folder, takes --overwrite and refuses --bit-depth', () => {
      expect(
        resolveRenderJob('scene.mimesis', opts({ out: 'renders/face/', format: 'obj-seq', overwrite: true }))
      ).toMatchObject({
        kind: 'project',
        format: 'obj-seq',
        out: 'renders/face',
        sequence: { replace: true }
      })
      expect(() => resolveRenderJob('scene.mimesis', opts({ out: 'face.obj', format: 'obj-seq' }))).toThrow(
        /--format obj-seq, --out names the sequence's folder/
      )
      expect(() =>
        resolveRenderJob('scene.mimesis', opts({ out: 'face', format: 'obj-seq', bitDepth: 16 }))
      ).toThrow(/--bit-depth cannot be used with the 3D face/)
    })
  })
})
