import { Show } from "solid-js";
import { useI18n } from "../providers/i18n-provider";
import { LanguageSelect } from "./language-select";

type Props = {
  error: string | null;
  busy: boolean;
  onSubmit(email: string, password: string): void;
};

export function LoginView(props: Props) {
  const { t } = useI18n();
  let email!: HTMLInputElement;
  let password!: HTMLInputElement;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSubmit(email.value.trim(), password.value);
  };
  return (
    <div class="login-page">
      <header class="login-header">
        <p class="brand">Atiende</p>
        <LanguageSelect />
      </header>
      <main class="login-main">
        <form class="login-card" onSubmit={submit} aria-labelledby="login-heading">
          <h1 id="login-heading">{t("login.heading")}</h1>
          <p>{t("login.intro")}</p>
          <label for="login-email">{t("login.email")}</label>
          <input
            ref={email}
            id="login-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={props.error ? "login-error" : undefined}
          />
          <label for="login-password">{t("login.password")}</label>
          <input
            ref={password}
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={props.error ? "true" : undefined}
            aria-describedby={props.error ? "login-error" : undefined}
          />
          <p id="login-error" class="form-error" role="alert">
            <Show when={props.error}>{props.error}</Show>
          </p>
          <button type="submit" class="primary" disabled={props.busy}>
            {props.busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
