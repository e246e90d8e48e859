import { createSignal } from "solid-js";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { useSession } from "../providers/session-provider";
import { LoginView } from "../ui/login-view";

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [failure, setFailure] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const error = () => {
    const current = failure();
    if (current) return describeError(current, t);
    return session.expired() ? t("errors.session_expired") : null;
  };

  async function signIn(email: string, password: string) {
    setBusy(true);
    setFailure(null);
    try {
      await session.signIn(email, password);
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  }

  return <LoginView error={error()} busy={busy()} onSubmit={signIn} />;
}
