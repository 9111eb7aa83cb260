import { PNG_BIT_DEPTHS, type PngBitDepth } from '@shared/export/output-formats'
import { useExport } from '../../store/export-store'
import { ChoiceRow } from './ChoiceRow'

/** The PNG sequence's own options, shown only for that format: bits a sample and the depth pass. */
export function ExportSequenceOptions() {
  const choices = useExport((s) => s.choices)
  const setChoices = useExport((s) => s.setChoices)
  return (
    <>
      <ChoiceRow<PngBitDepth>
        label="Bit depth"
        name="export-bit-depth"
        value={choices.bitDepth}
        options={PNG_BIT_DEPTHS.map((bits) => ({
          value: bits,
          label: `${bits}-bit`,
          title: bits === 16 ? 'RGBA, 16 bits a sample, for compositing' : undefined
        }))}
        onChange={(bitDepth) => setChoices({ bitDepth })}
      />
      <div className="export-dialog__row">
        <span className="export-dialog__label">Depth</span>
        <label
          className="export-dialog__check"
          title="A 16-bit greyscale depth frame beside each frame (near = light), with its range in a JSON file"
        >
          <input
            type="checkbox"
            checked={choices.depthPass}
            onChange={(event) => setChoices({ depthPass: event.target.checked })}
            data-testid="export-depth-pass"
          />
          Depth pass (16-bit greyscale)
        </label>
      </div>
    </>
  )
}
