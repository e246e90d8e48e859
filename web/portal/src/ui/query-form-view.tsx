import type { Field, Problems, QueryForm } from "../data/query-form.js";
import { LIMITS } from "../data/query-form.js";
import { useI18n } from "../providers/i18n-provider.js";
import { ChoiceGroup } from "./choice-group.js";
import { TextField } from "./text-field.js";

type Props = {
  form: QueryForm;
  problems: Problems;
  sending: boolean;
  onChange: <F extends Field>(field: F, value: QueryForm[F]) => void;
  onSubmit: () => void;
};

/** "Nueva consulta o reclamo": the form only renders and reports; the page decides. */
export function QueryFormView(props: Props) {
  const { t } = useI18n();
  const error = (field: Field) => {
    const problem = props.problems[field];
    return problem && t(problem.key, problem.params);
  };
  const text = (
    field: "subject" | "message" | "name" | "documentNumber" | "phone" | "email" | "city",
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => (
    <TextField
      id={field}
      label={t(field)}
      value={props.form[field]}
      onInput={(value) => props.onChange(field, value)}
      error={error(field)}
      {...extra}
    />
  );
  return (
    <section class="panel" aria-labelledby="form-heading">
      <h2 id="form-heading">{t("formHeading")}</h2>
      <p class="muted">{t("formIntro")}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        <ChoiceGroup
          id="kind"
          legend={t("kind")}
          required
          options={[
            { value: "consulta", label: t("kindConsulta") },
            { value: "reclamo", label: t("kindReclamo") },
          ]}
          value={props.form.kind}
          onChange={(value) => props.onChange("kind", value)}
          error={error("kind")}
        />
        {text("subject", { required: true, maxLength: LIMITS.subject })}
        {text("message", { required: true, multiline: true, maxLength: LIMITS.message })}
        {text("name", { required: true, autocomplete: "name", maxLength: LIMITS.name })}
        {text("documentNumber", { required: true, maxLength: 20 })}
        {text("phone", { type: "tel", autocomplete: "tel", maxLength: 20 })}
        {text("email", { type: "email", autocomplete: "email", maxLength: 254 })}
        <ChoiceGroup
          id="preferredContact"
          legend={t("preferredContact")}
          optionalText={t("optional")}
          options={[
            { value: "phone", label: t("meansPhone") },
            { value: "email", label: t("meansEmail") },
          ]}
          value={props.form.preferredContact}
          onChange={(value) => props.onChange("preferredContact", value)}
          error={error("preferredContact")}
        />
        {text("city", {
          optionalText: t("optional"),
          autocomplete: "address-level2",
          maxLength: LIMITS.city,
        })}
        <button type="submit" class="primary" aria-disabled={props.sending ? "true" : undefined}>
          {props.sending ? t("sending") : t("send")}
        </button>
      </form>
    </section>
  );
}
