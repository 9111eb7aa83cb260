import { useDrive } from '../../store/drive-store'
import { useStudio } from '../../store/studio-store'
import { DriverPicture } from './DriverPicture'
import { formatClipTime } from '../drive-text'
import { driverPipTime } from './driver-pip-time'
import { useDriverFrame } from './use-driver-frame'
import '../../styles/drive-dialog.css'

/** Longest side of the picture-in-picture's frames, px. */
const PIP_MAX_SIDE = 240

/**
 * The driving clip in a corner of the viewport (View › Driver), in step with the playhead: it shows the
 * driver at playhead − the last bake's offset, so each frame sits beside the frame it drove.
 */
export function DriverPip() {
  const hasDriver = useDrive((s) => s.driver !== null)
  const shown = useStudio((s) => s.view.driverPip)
  return hasDriver && shown ? <DriverPipBody /> : null
}

function DriverPipBody() {
  const driver = useDrive((s) => s.driver)
  const offset = useDrive((s) => s.bakeOffsetSec)
  const playhead = useStudio((s) => s.playhead)
  const showMesh = useStudio((s) => s.view.meshOverlay)
  const pip = driver ? driverPipTime(playhead, offset, driver) : null
  const frame = useDriverFrame(pip?.timeSec ?? null, PIP_MAX_SIDE)
  if (!driver || !pip) return null
  return (
    <div
      className={`driver-pip${pip.position === 'inside' ? '' : ' driver-pip--outside'}`}
      data-testid="driver-pip"
      data-position={pip.position}
      data-time={pip.timeSec.toFixed(3)}
      title={`${driver.name}, baked at ${formatClipTime(offset)}`}
    >
      <DriverPicture frame={frame} showMesh={showMesh} testId="driver-pip-picture" />
      <span className="driver-pip__label">
        {pip.position === 'before'
          ? `Driver starts at ${formatClipTime(offset)}`
          : pip.position === 'after'
            ? 'Driver ended'
            : `Driver · ${formatClipTime(pip.timeSec)}`}
      </span>
    </div>
  )
}
