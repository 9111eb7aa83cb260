import { EXPORT_PRESETS, applyExportPreset, presetOfChoices } from '@shared/export/export-presets'
import { useExport } from '../../store/export-store'

/** The named presets as a picker; it shows the preset the choices match, else "Custom". */
export function ExportPresetRow() {
  const choices = useExport((s) => s.choices)
  const setChoices = useExport((s) => s.setChoices)
  const current = presetOfChoices(choices)
  return (
    <div className="export-dialog__row">
      <label className="export-dialog__label" htmlFor="export-preset">
        Preset
      </label>
      <select
        id="export-preset"
        className="field"
        value={current?.id ?? ''}
        title={current?.description}
        data-testid="export-preset"
        onChange={(event) => {
          const preset = EXPORT_PRESETS.find((p) => p.id === event.target.value)
          if (preset) setChoices(applyExportPreset(useExport.getState().choices, preset))
        }}
      >
        <option value="">Custom</option>
        {EXPORT_PRESETS.map((preset) => (
          <option key={preset.id} value={preset.id} title={preset.description}>
            {preset.label}
          </option>
        ))}
      </select>
    </div>
  )
}
