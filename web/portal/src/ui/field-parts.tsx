import { Show } from "solid-js";

/** After a field's label or legend: the asterisk of a required field, or the word for an optional one. */
export function FieldMarks(props: { required?: boolean; optionalText?: string }) {
  return (
    <>
      <Show when={props.required}>
        <span aria-hidden="true"> *</span>
      </Show>
      <Show when={props.optionalText}>
        <span class="optional"> {props.optionalText}</span>
      </Show>
    </>
  );
}

/** Why a field's value is refused; its id is what the field's aria-describedby names. */
export function FieldError(props: { id: string; error?: string }) {
  return (
    <Show when={props.error}>
      <p class="field-error" id={props.id}>
        {props.error}
      </p>
    </Show>
  );
}
