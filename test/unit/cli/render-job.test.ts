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
      quality: 'standard'
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
      quality: 'standard'
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
})
