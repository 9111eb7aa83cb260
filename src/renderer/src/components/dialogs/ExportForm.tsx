import {
  OUTPUT_FORMAT_IDS,
  OUTPUT_FORMATS,
  isImageSequence,
  type OutputFormat
} from '@shared/export/output-formats'
import { EXPORT_FRAME_RATES, EXPORT_SIZES } from '@shared/ipc/contract'
import { frameCount, seconds } from '@shared/timeline'
import { withinFormatLimits } from '@shared/export/export-presets'
import { useExport, type ExportRangeChoice } from '../../store/export-store'
import { useStudio } from '../../store/studio-store'
import { ChoiceRow } from './ChoiceRow'
import { ExportPresetRow } from './ExportPresetRow'
import { ExportSequenceOptions } from './ExportSequenceOptions'
import { formatSeconds } from './export-format'

/** Format, background, size, frame rate, range and file of an export, and what they add up to; locked while it runs. */
export function ExportForm({ onChooseFile }: { onChooseFile: () => void }) {
  const { choices, file, job, setChoices } = useExport()
  const settings = useStudio((s) => s.document.settings)
  const audio = useStudio((s) => s.audio)
  const workAreaIsWhole = settings.workArea.in <= 0 && settings.workArea.out >= settings.durationSec
  const rangeStart = choices.range === 'work-area' ? settings.workArea.in : 0
  const rangeEnd = choices.range === 'work-area' ? settings.workArea.out : settings.durationSec
  const frames = Math.max(1, frameCount(seconds(rangeEnd - rangeStart), choices.fps))
  const limits = OUTPUT_FORMATS[choices.format]
  const alpha = limits.keepsAlpha
  const sequence = isImageSequence(choices.format)
  // Rig curves and the 3D face are motion data, not pictures: no background, size or sound; the frame rate and range
  // apply.
  const curves = limits.curves === true
  const mesh = limits.mesh === true
  const pictures = !curves && !mesh
  return (
    <fieldset className="export-dialog__form" disabled={job.phase === 'running'}>
      <ExportPresetRow />
      <ChoiceRow<OutputFormat>
        label="Format"
        name="export-format"
        value={choices.format}
        options={OUTPUT_FORMAT_IDS.map((id) => ({ value: id, label: OUTPUT_FORMATS[id].label }))}
        onChange={(format) => setChoices(withinFormatLimits({ ...choices, format }))}
      />
      {pictures && (
        <div className="export-dialog__row">
          <span className="export-dialog__label">Background</span>
          <label
            className="export-dialog__check"
            title={alpha ? undefined : `${limits.label} has no alpha channel`}
          >
            <input
              type="checkbox"
              checked={alpha && choices.transparent}
              disabled={!alpha}
              onChange={(event) => setChoices({ transparent: event.target.checked })}
              data-testid="export-transparent"
            />
            Transparent (the person only)
          </label>
        </div>
      )}
      {sequence && <ExportSequenceOptions />}
      {pictures && (
        <ChoiceRow
          label="Size"
          name="export-size"
          value={choices.size}
          options={EXPORT_SIZES.map((size) => ({
            value: size,
            label: `${size} × ${size}`,
            disabled: size > (limits.maxSide ?? Infinity),
            title:
              size > (limits.maxSide ?? Infinity)
                ? `${limits.label} is at most ${limits.maxSide} px`
                : undefined
          }))}
          onChange={(size) => setChoices({ size })}
        />
      )}
      <ChoiceRow
        label="Frame rate"
        name="export-fps"
        value={choices.fps}
        options={EXPORT_FRAME_RATES.map((fps) => ({
          value: fps,
          label: `${fps} fps`,
          disabled: fps > (limits.maxFps ?? Infinity),
          title:
            fps > (limits.maxFps ?? Infinity)
              ? `${limits.label} plays at most ${limits.maxFps} fps`
              : undefined
        }))}
        onChange={(fps) => setChoices({ fps })}
      />
      <ChoiceRow<ExportRangeChoice>
        label="Range"
        name="export-range"
        value={choices.range}
        options={[
          { value: 'all', label: `Whole animation · ${formatSeconds(settings.durationSec)}` },
          {
            value: 'work-area',
            label: `Work area · ${Number(settings.workArea.in.toFixed(2))}–${formatSeconds(settings.workArea.out)}`,
            disabled: workAreaIsWhole,
            title: workAreaIsWhole ? 'The work area covers the whole animation' : undefined
          }
        ]}
        onChange={(range) => setChoices({ range })}
      />
      <div className="export-dialog__row">
        <span className="export-dialog__label">{sequence ? 'Folder' : 'File'}</span>
        <div className="export-dialog__file">
          <span
            className={file ? 'export-dialog__filename' : 'export-dialog__filename--none'}
            data-testid="export-file"
          >
            {file ? file.name : 'Chosen when you export'}
          </span>
          <button type="button" className="button" onClick={onChooseFile}>
            Choose…
          </button>
        </div>
      </div>
      <p className="export-dialog__summary" data-testid="export-summary">
        {frames} frames · {formatSeconds(frames / choices.fps)} · {limits.label}
        {sequence ? `, ${choices.bitDepth}-bit` : ''}
        {alpha && choices.transparent ? ' with alpha' : ''}
        {sequence && choices.depthPass ? ' and a depth pass' : ''}
        {curves ? ", ARKit's 52 blendshapes, head and camera" : ''}
        {mesh && !limits.folder
          ? ', the face mesh and photo, one morph target per expression, head rotation'
          : ''}
        {mesh && limits.folder ? ', one OBJ mesh a frame (deformed and turned), its MTL and the photo' : ''}
        {audio && !audio.muted && pictures
          ? limits.hasSound
            ? ' with sound'
            : ` (${sequence ? 'a sequence' : 'a GIF'} has no sound)`
          : ''}
      </p>
    </fieldset>
  )
}
