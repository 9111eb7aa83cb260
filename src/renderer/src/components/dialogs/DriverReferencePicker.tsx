import type { DriverSummary } from '@shared/ipc/contract'
import { useDrive } from '../../store/drive-store'
import { DriverPicture } from '../viewport/DriverPicture'
import { useDriverFrame } from '../viewport/use-driver-frame'

/** Longest side of the reference picture, px. */
const REFERENCE_MAX_SIDE = 360

/**
 * The driver's picture with a scrubber to choose its reference frame: the resting face every other
 * frame is measured against. Starts on the most neutral frame, which one button brings back.
 */
export function DriverReferencePicker({ driver, disabled }: { driver: DriverSummary; disabled: boolean }) {
  const referenceSec = useDrive((s) => s.referenceSec)
  const setReference = useDrive((s) => s.setReference)
  const frame = useDriverFrame(referenceSec, REFERENCE_MAX_SIDE)
  // The scrubber counts frames, so its end is exactly the last frame (seconds would round short of it).
  const lastFrame = Math.max(0, Math.round(driver.durationSec * driver.fps) - 1)
  const frameIndex = Math.min(lastFrame, Math.round(referenceSec * driver.fps))
  const isAuto = Math.abs(referenceSec - driver.referenceSec) < 0.5 / driver.fps
  const noFace = frame !== null && frame.landmarks === null
  return (
    <div className="drive-reference">
      <DriverPicture frame={frame} showMesh testId="drive-reference-picture" />
      <div className="drive-reference__scrub">
        <label className="drive-reference__label" htmlFor="drive-reference">
          Reference frame
        </label>
        <input
          id="drive-reference"
          type="range"
          min={0}
          max={lastFrame}
          step={1}
          value={frameIndex}
          disabled={disabled}
          aria-valuetext={`${referenceSec.toFixed(2)} s`}
          onChange={(event) => setReference(Number(event.target.value) / driver.fps)}
          data-testid="drive-reference"
        />
        <span className="drive-reference__time" data-testid="drive-reference-time">
          {referenceSec.toFixed(2)} s
        </span>
      </div>
      <div className="drive-reference__row">
        <button
          type="button"
          className={`chip${isAuto ? ' chip--on' : ''}`}
          aria-pressed={isAuto}
          disabled={disabled}
          onClick={() => setReference(driver.referenceSec)}
          title={`The frame with the most neutral face, at ${driver.referenceSec.toFixed(2)} s`}
        >
          Most neutral (auto)
        </button>
        <span className={`drive-dialog__hint${noFace ? ' drive-dialog__hint--warn' : ''}`}>
          {noFace
            ? 'No face on this frame: the nearest frame with a face is used.'
            : 'Motion is measured from this resting face.'}
        </span>
      </div>
    </div>
  )
}
