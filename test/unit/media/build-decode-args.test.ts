import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDecodeArgs } from '../../../src/main/core/media/build-decode-args'

describe('buildDecodeArgs', () => {
  it('names the input as a plain file, so a name like pipe:0.mp4 or -y is never a protocol or option', () => {
    const args = buildDecodeArgs({ inputPath: '/v/pipe:0.mp4', fpsModeFlag: '-fps_mode' })
    expect(args[args.indexOf('-i') + 1]).toBe('file:/v/pipe:0.mp4')
    const relative = buildDecodeArgs({ inputPath: 'pipe:0.mp4', fpsModeFlag: '-fps_mode' })
    expect(relative[relative.indexOf('-i') + 1]).toBe(`file:${resolve('pipe:0.mp4')}`)
  })

  it('decodes the first video stream to RGB24 on stdout, passing real timestamps through', () => {
    expect(buildDecodeArgs({ inputPath: '/v/in.mov', fpsModeFlag: '-fps_mode' })).toEqual([
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-i',
      'file:/v/in.mov',
      '-map',
      '0:v:0',
      '-an',
      '-sn',
      '-dn',
      '-vf',
      'format=rgb24,showinfo',
      '-fps_mode',
      'passthrough',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1'
    ])
  })

  it('uses -vsync for ffmpeg builds older than 5.1', () => {
    const args = buildDecodeArgs({ inputPath: 'a.mp4', fpsModeFlag: '-vsync' })
    expect(args.slice(args.indexOf('-vsync'), args.indexOf('-vsync') + 2)).toEqual(['-vsync', 'passthrough'])
    expect(args).not.toContain('-fps_mode')
  })

  it.each([
    [
      { maxSide: 256 },
      'scale=w=min(iw\\,256):h=min(ih\\,256):force_original_aspect_ratio=decrease,format=rgb24,showinfo'
    ],
    [{ width: 320, height: 240 }, 'scale=w=320:h=240,format=rgb24,showinfo'],
    [{ width: 320 }, 'scale=w=320:h=-1,format=rgb24,showinfo'],
    [{ height: 240 }, 'scale=w=-1:h=240,format=rgb24,showinfo']
  ] as const)('scales for %o', (size, filter) => {
    const args = buildDecodeArgs({ inputPath: 'a.mp4', size, fpsModeFlag: '-fps_mode' })
    expect(args[args.indexOf('-vf') + 1]).toBe(filter)
  })

  it('rejects sizes that are not positive integers, naming them', () => {
    expect(() => buildDecodeArgs({ inputPath: 'a', size: { maxSide: 0 }, fpsModeFlag: '-vsync' })).toThrow(
      /maxSide/
    )
    expect(() => buildDecodeArgs({ inputPath: 'a', size: { width: 10.5 }, fpsModeFlag: '-vsync' })).toThrow(
      /width/
    )
  })
})
