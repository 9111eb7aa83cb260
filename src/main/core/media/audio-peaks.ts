// A waveform's peaks and a compact copy of the sound, from mono float samples (pure). The timeline's sound
// lane draws the peaks; the renderer plays the copy while the playhead is scrubbed.

/**
 * The loudest |sample| in each bucket of `samplesPerBucket` samples, 0..255 (255 = full scale), one byte
 * per bucket; the last bucket may be shorter.
 */
export function audioPeaks(samples: Float32Array, samplesPerBucket: number): Uint8Array {
  if (!(Number.isInteger(samplesPerBucket) && samplesPerBucket > 0))
    throw new RangeError(`audioPeaks: samplesPerBucket must be a positive integer, got ${samplesPerBucket}`)
  const peaks = new Uint8Array(Math.ceil(samples.length / samplesPerBucket))
  for (let b = 0; b < peaks.length; b++) {
    let peak = 0
    const end = Math.min(samples.length, (b + 1) * samplesPerBucket)
    for (let i = b * samplesPerBucket; i < end; i++) {
      const magnitude = Math.abs(samples[i]!)
      if (magnitude > peak) peak = magnitude
    }
    peaks[b] = Math.round(Math.min(1, peak) * 255)
  }
  return peaks
}

/** The samples as 16-bit signed little-endian PCM (clipped to −1..1), as bytes. */
export function pcm16(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!))
    view.setInt16(i * 2, Math.round(s * 32767), true)
  }
  return bytes
}
