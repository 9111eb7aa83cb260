import { useEffect, useLayoutEffect, useRef } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import { useStudio } from '../../store/studio-store'
import { useSound } from '../../store/sound-store'
import { useTrackMix } from '../../store/track-mix-store'
import { useDevicePixelRatio } from '../use-device-pixel-ratio'
import type { TimelineView } from './timeline-geometry'
import { SOUND_GROUP } from './track-groups'
import { soundStartAfterDrag, soundStartAfterKey } from './sound-offset'
import { waveformColumns } from './waveform-columns'

/** The sound lane's height, CSS px (its canvas is 1 px less, above the border). */
export const SOUND_LANE_HEIGHT = 34
const WAVE_COLOUR = '#5fb3a1'

/** Loads the waveform of the project's audio track whenever the track's file changes (once per file: the core caches it). */
export function useSoundWaveform(): void {
  const token = useStudio((s) => s.audio?.file.token ?? null)
  useEffect(() => {
    const { sound, setSound } = useSound.getState()
    if (token === null) {
      setSound(null)
      return
    }
    if (sound?.token === token) return
    let stale = false
    window.mimesis
      .audioWaveform({ token })
      .then((waveform) => {
        if (!stale) useSound.getState().setSound({ token, waveform })
      })
      .catch((error: unknown) => {
        if (stale) return
        const text = error instanceof MimesisIpcError ? error.message : String(error)
        useStudio.getState().showNotice({ tone: 'error', text: `Could not draw the sound: ${text}` })
      })
    return () => {
      stale = true
    }
  }, [token])
}

/** The sound lane's header beside the names: its label and the mute of what the studio plays of it. */
export function SoundLaneName() {
  const audio = useStudio((s) => s.audio)
  const muted = useTrackMix((s) => s.mutedGroups.has(SOUND_GROUP))
  const toggleMute = useTrackMix((s) => s.toggleMute)
  if (!audio) return null
  return (
    <div className="sound-name" style={{ height: SOUND_LANE_HEIGHT }} title={audio.file.name}>
      <span className="track-name__label">Sound</span>
      <span className="track-mix">
        <button
          type="button"
          className="track-mix__button track-mix__button--mute"
          aria-pressed={muted}
          aria-label="Mute the sound while scrubbing and playing"
          title="Mute the sound while scrubbing and playing (export keeps it)"
          onClick={() => toggleMute({ group: SOUND_GROUP })}
        />
      </span>
    </div>
  )
}

/** The project's sound as a waveform under the ruler, over the visible time range, at the device pixel ratio. */
export function TimelineSoundLane({ view, width }: { view: TimelineView; width: number }) {
  const dpr = useDevicePixelRatio()
  const audio = useStudio((s) => s.audio)
  const sound = useSound((s) => s.sound)
  const canvas = useRef<HTMLCanvasElement>(null)
  const height = SOUND_LANE_HEIGHT - 1
  const pixelWidth = Math.max(1, Math.round(width * dpr))
  const pixelHeight = Math.round(height * dpr)
  const waveform = sound && audio && sound.token === audio.file.token ? sound.waveform : null
  const startSec = audio?.startSec ?? 0
  const { start, span } = view
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true })
    if (!ctx) return
    ctx.clearRect(0, 0, pixelWidth, pixelHeight)
    if (!waveform || width <= 0) return
    const columns = waveformColumns({ ...waveform, startSec }, { start, span }, width, pixelWidth)
    const middle = pixelHeight / 2
    // Drawn relative to the sound's loudest peak, so a quiet recording still reads.
    const scale =
      255 /
      Math.max(
        1,
        waveform.peaks.reduce((a, b) => Math.max(a, b), 0)
      )
    ctx.fillStyle = WAVE_COLOUR
    columns.forEach((peak, x) => {
      if (peak <= 0) return
      const half = Math.max(0.5, Math.min(1, peak * scale) * (middle - dpr))
      ctx.fillRect(x, middle - half, 1, 2 * half)
    })
  }, [waveform, startSec, start, span, width, pixelWidth, pixelHeight, dpr])
  const drag = useRef<{ x: number; startSec: number } | null>(null)
  const fps = useStudio((s) => s.document.settings.fps)
  if (!audio) return null
  const moveTo = (next: number | null) => {
    if (next !== null && next !== startSec) useStudio.getState().setAudioStart(next)
  }
  return (
    <div
      className="sound-lane"
      style={{ height: SOUND_LANE_HEIGHT }}
      data-testid="sound-lane"
      data-loaded={waveform ? 'true' : 'false'}
      tabIndex={0}
      role="slider"
      aria-label={`Start of the sound ${audio.file.name} (drag, or ← → by a frame, Shift by a second)`}
      aria-valuenow={startSec}
      aria-valuetext={`${startSec.toFixed(2)} s`}
      title="Drag to move the sound along the timeline; ← → move it by a frame, Shift+← → by a second"
      onPointerDown={(event) => {
        drag.current = { x: event.clientX, startSec }
        event.currentTarget.setPointerCapture(event.pointerId)
      }}
      onPointerMove={(event) => {
        const from = drag.current
        if (from) moveTo(soundStartAfterDrag(from.startSec, event.clientX - from.x, span, width, fps))
      }}
      onPointerUp={() => (drag.current = null)}
      onKeyDown={(event) => {
        const next = soundStartAfterKey(startSec, event.key, event.shiftKey, fps)
        if (next === null) return
        event.preventDefault()
        event.stopPropagation()
        moveTo(next)
      }}
    >
      <canvas
        ref={canvas}
        className="lane__canvas"
        width={pixelWidth}
        height={pixelHeight}
        style={{ width, height }}
        aria-label={`Waveform of ${audio.file.name}`}
        role="img"
      />
    </div>
  )
}
