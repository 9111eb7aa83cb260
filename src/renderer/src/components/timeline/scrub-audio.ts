// Scrub audio: while the playhead is dragged, a short grain of the project's sound under it plays through
// WebAudio, from the low-rate copy the core sent with the waveform (the sandboxed renderer reads no files).
// Play plays the same copy from the playhead until pause.
import type { AudioWaveform } from '@shared/ipc/audio-schemas'

/** Length of one grain, s, and its fade in and out (no clicks). */
const GRAIN_SEC = 0.08
const FADE_SEC = 0.01

let context: AudioContext | null = null
let buffer: { of: AudioWaveform; data: AudioBuffer } | null = null
let playing: AudioBufferSourceNode | null = null
let playback: AudioBufferSourceNode | null = null

function bufferOf(ctx: AudioContext, waveform: AudioWaveform): AudioBuffer | null {
  if (buffer?.of === waveform) return buffer.data
  const samples = Math.floor(waveform.pcm.byteLength / 2)
  if (samples === 0) return null
  const data = ctx.createBuffer(1, samples, waveform.sampleRate)
  const channel = data.getChannelData(0)
  const view = new DataView(waveform.pcm.buffer, waveform.pcm.byteOffset, waveform.pcm.byteLength)
  for (let i = 0; i < samples; i++) channel[i] = view.getInt16(i * 2, true) / 32768
  buffer = { of: waveform, data }
  return data
}

/**
 * Plays the grain of `waveform` at document time `time` (the sound starts at `startSec`), cutting off the
 * grain before it. Silent outside the sound. Called from a pointer gesture, so the audio context may start.
 */
export function playScrubGrain(waveform: AudioWaveform, startSec: number, time: number): void {
  const offset = time - startSec
  if (offset < 0 || offset >= waveform.pcm.byteLength / 2 / waveform.sampleRate) return
  context ??= new AudioContext()
  const ctx = context
  const data = bufferOf(ctx, waveform)
  if (!data) return
  playing?.stop()
  const source = ctx.createBufferSource()
  source.buffer = data
  const gain = ctx.createGain()
  const now = ctx.currentTime
  gain.gain.setValueAtTime(0, now)
  gain.gain.linearRampToValueAtTime(1, now + FADE_SEC)
  gain.gain.setValueAtTime(1, now + GRAIN_SEC - FADE_SEC)
  gain.gain.linearRampToValueAtTime(0, now + GRAIN_SEC)
  source.connect(gain).connect(ctx.destination)
  source.start(now, offset, GRAIN_SEC)
  playing = source
}

/**
 * Plays `waveform` from document time `time` on (the sound starts at `startSec`: before it, silence until it
 * starts), replacing what Play was playing. Nothing when `time` is past the sound's end.
 */
export function playSoundFrom(waveform: AudioWaveform, startSec: number, time: number): void {
  stopSound()
  const length = waveform.pcm.byteLength / 2 / waveform.sampleRate
  const offset = time - startSec
  if (offset >= length) return
  context ??= new AudioContext()
  const ctx = context
  const data = bufferOf(ctx, waveform)
  if (!data) return
  const source = ctx.createBufferSource()
  source.buffer = data
  source.connect(ctx.destination)
  if (ctx.state === 'suspended') void ctx.resume()
  source.start(ctx.currentTime + Math.max(0, -offset), Math.max(0, offset))
  playback = source
}

/** Stops what Play was playing. */
export function stopSound(): void {
  playback?.stop()
  playback?.disconnect()
  playback = null
}
