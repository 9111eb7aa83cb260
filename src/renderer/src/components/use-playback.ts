import { useEffect } from 'react'
import { useSound } from '../store/sound-store'
import { useStudio } from '../store/studio-store'
import { useTrackMix } from '../store/track-mix-store'
import { playSoundFrom, stopSound } from './timeline/scrub-audio'
import { SOUND_GROUP } from './timeline/track-groups'

/**
 * Plays the project's sound from document time `time`, in step with the playhead: unless it is muted (the
 * sound lane's M, or the track's own mute) or not loaded yet.
 */
function playSoundAt(time: number): void {
  const { sound } = useSound.getState()
  const audio = useStudio.getState().audio
  const silenced = useTrackMix.getState().mutedGroups.has(SOUND_GROUP)
  if (!sound || !audio || audio.file.token !== sound.token || audio.muted || silenced) return stopSound()
  playSoundFrom(sound.waveform, audio.startSec, time)
}

/**
 * Advances the playhead in real time while playing, looping over the work area when loop is on, and plays
 * the project's sound from the playhead (again from the loop's start at each wrap) until it stops.
 */
export function usePlayback() {
  const playing = useStudio((s) => s.playing)
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    let expected = useStudio.getState().playhead
    playSoundAt(expected)
    const tick = (now: number) => {
      const { playhead, looping, document, setPlayhead, setPlaying } = useStudio.getState()
      const { workArea } = document.settings
      // The playhead was moved while playing (a click on the ruler): the sound follows it.
      if (playhead !== expected) playSoundAt(playhead)
      let next = playhead + (now - last) / 1000
      last = now
      if (next >= workArea.out) {
        if (!looping) {
          setPlayhead(workArea.out)
          setPlaying(false)
          return
        }
        next = workArea.in + ((next - workArea.in) % Math.max(workArea.out - workArea.in, 1e-3))
        playSoundAt(next)
      }
      setPlayhead(next)
      expected = useStudio.getState().playhead
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    // Muting or unmuting the sound, moving it or loading it while playing: play it again from the playhead.
    const replay = () => playSoundAt(useStudio.getState().playhead)
    const stopMix = useTrackMix.subscribe((mix, before) => {
      if (mix.mutedGroups.has(SOUND_GROUP) !== before.mutedGroups.has(SOUND_GROUP)) replay()
    })
    const stopSoundStore = useSound.subscribe(replay)
    const stopAudio = useStudio.subscribe((state, before) => {
      if (state.audio !== before.audio) replay()
    })
    return () => {
      cancelAnimationFrame(frame)
      stopMix()
      stopSoundStore()
      stopAudio()
      stopSound()
    }
  }, [playing])
}
