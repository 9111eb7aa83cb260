/** One option of a ChoiceRow. */
export interface Choice<T> {
  value: T
  label: string
  disabled?: boolean
  title?: string | undefined
}

/** A labelled row of radio options shown as a segmented control. */
export function ChoiceRow<T extends string | number>({
  label,
  name,
  value,
  options,
  onChange
}: {
  label: string
  name: string
  value: T
  options: Choice<T>[]
  onChange: (value: T) => void
}) {
  return (
    <div className="export-dialog__row" role="radiogroup" aria-label={label}>
      <span className="export-dialog__label">{label}</span>
      <div className="segmented">
        {options.map((option) => (
          <label
            key={String(option.value)}
            className={`segmented__option${option.value === value ? ' segmented__option--on' : ''}${option.disabled ? ' segmented__option--disabled' : ''}`}
            title={option.title}
          >
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={option.value === value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </div>
  )
}
