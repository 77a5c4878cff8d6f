/** A labelled native multiple select (keyboard and screen-reader friendly), with what is chosen spelled out. */
import { useId } from 'react';

export function MultiSelect({
  label,
  options,
  value,
  onChange,
  testId,
  help,
  size = 6,
}: {
  label: string;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  testId: string;
  help?: string;
  size?: number;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="field multi-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        multiple
        size={Math.min(size, Math.max(2, options.length))}
        data-testid={testId}
        aria-describedby={helpId}
        value={[...value]}
        onChange={(event) => onChange([...event.target.selectedOptions].map((o) => o.value))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={helpId} className="help">
        {value.length ? `Chosen: ${value.join(', ')}` : (help ?? 'None chosen')} · Ctrl/⌘ or Shift for several{' '}
        {value.length ? (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            clear
          </button>
        ) : null}
      </p>
    </div>
  );
}
