import { type JSX, Show } from "solid-js";
import { FieldError, FieldMarks } from "./field-parts.js";

type Props = {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Why the value is refused, tied to the field for screen readers. */
  error?: string;
  required?: boolean;
  optionalText?: string;
  multiline?: boolean;
  type?: "text" | "email" | "tel";
  autocomplete?: JSX.HTMLAutocomplete;
  maxLength?: number;
};

/** A labelled input or text area whose error is announced with it (aria-describedby). */
export function TextField(props: Props) {
  const errorId = () => `${props.id}-error`;
  const common = () => ({
    id: props.id,
    name: props.id,
    value: props.value,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": props.error ? errorId() : undefined,
    "aria-required": props.required ? ("true" as const) : undefined,
    maxLength: props.maxLength,
  });
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        <FieldMarks required={props.required} optionalText={props.optionalText} />
      </label>
      <Show
        when={props.multiline}
        fallback={
          <input
            {...common()}
            type={props.type ?? "text"}
            autocomplete={props.autocomplete}
            onInput={(event) => props.onInput(event.currentTarget.value)}
          />
        }
      >
        <textarea {...common()} rows={6} onInput={(event) => props.onInput(event.currentTarget.value)} />
      </Show>
      <FieldError id={errorId()} error={props.error} />
    </div>
  );
}
