import { For } from "solid-js";
import { FieldError, FieldMarks } from "./field-parts.js";

type Props<V extends string> = {
  id: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V | "";
  onChange: (value: V) => void;
  error?: string;
  required?: boolean;
  optionalText?: string;
};

/** Radio buttons under one legend; an error is tied to the group. */
export function ChoiceGroup<V extends string>(props: Props<V>) {
  const errorId = () => `${props.id}-error`;
  return (
    <fieldset class="choices" id={props.id} aria-describedby={props.error ? errorId() : undefined}>
      <legend>
        {props.legend}
        <FieldMarks required={props.required} optionalText={props.optionalText} />
      </legend>
      <For each={props.options}>
        {(option) => (
          <label class="choice">
            <input
              type="radio"
              name={props.id}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            {option.label}
          </label>
        )}
      </For>
      <FieldError id={errorId()} error={props.error} />
    </fieldset>
  );
}
