import { useStudio } from '../store/studio-store'
import { formatClipTime } from './drive-text'

/** The project's audio track in the timeline bar: shown when there is one, click to mute or unmute it. */
export function AudioMuteToggle() {
  const audio = useStudio((s) => s.audio)
  const setAudioMuted = useStudio((s) => s.setAudioMuted)
  if (!audio) return null
  return (
    <button
      type="button"
      className={`chip${audio.muted ? '' : ' chip--on'}`}
      aria-pressed={!audio.muted}
      title={`${audio.file.name}, from ${formatClipTime(audio.startSec)}: ${
        audio.muted
          ? 'muted, left out of exports. Click to unmute.'
          : 'exported with the video. Click to mute.'
      }`}
      data-testid="audio-mute"
      onClick={() => setAudioMuted(!audio.muted)}
    >
      {audio.muted ? 'Sound off' : 'Sound on'}
    </button>
  )
}
