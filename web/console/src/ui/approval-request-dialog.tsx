import { createSignal, For, Show } from "solid-js";
import { CURRENCIES, type RequestApprovalInput } from "../data/approvals";
import { useI18n } from "../providers/i18n-provider";
import { showWhileOpen } from "./modal-dialog";

const OPERATIONS = ["refund", "insurance", "payment", "other"] as const;
type Destinations = { email?: string | undefined; whatsapp?: string | undefined };

type Props = {
  open: boolean;
  busy: boolean;
  /** Where the code can go, masked as the customer will see it. */
  destinations: Destinations;
  /** Why the last request did not go through. */
  problem: string | null;
  onConfirm(request: Omit<RequestApprovalInput, "clientMessageId">): void;
  onCancel(): void;
};

/** "Solicitar aprobación": what the customer approves, for how much, and where his code goes. */
export function ApprovalRequestDialog(props: Props) {
  const { t } = useI18n();
  const [operation, setOperation] = createSignal<(typeof OPERATIONS)[number]>("refund");
  const [description, setDescription] = createSignal("");
  const [amount, setAmount] = createSignal("");
  const [currency, setCurrency] = createSignal("EUR");
  const [channel, setChannel] = createSignal<"email" | "whatsapp">("email");
  const [minutes, setMinutes] = createSignal(10);
  const channels = () => (["email", "whatsapp"] as const).filter((option) => props.destinations[option]);
  let dialog!: HTMLDialogElement;

  showWhileOpen(
    () => props.open,
    () => dialog,
    () => {
      setDescription("");
      setAmount("");
      setChannel(channels()[0] ?? "email");
    },
  );

  /** "59,90" or "59.90" as typed; an empty field means no amount. */
  const value = () => Number(amount().replace(",", "."));

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="approval-request-title"
      onClose={() => props.onCancel()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm({
            operation: operation(),
            description: description().trim(),
            ...(amount().trim() && { amount: { value: value(), currency: currency().trim().toUpperCase() } }),
            channel: channel(),
            validForMinutes: minutes(),
          });
        }}
      >
        <h2 id="approval-request-title">{t("approvals.dialogTitle")}</h2>
        <div class="dialog-fields">
          <label for="approval-operation">{t("approvals.operation")}</label>
          <select
            id="approval-operation"
            value={operation()}
            onChange={(event) => setOperation(event.currentTarget.value as (typeof OPERATIONS)[number])}
          >
            <For each={OPERATIONS}>
              {(option) => <option value={option}>{t(`approvals.op.${option}`)}</option>}
            </For>
          </select>
          <label for="approval-description">{t("approvals.description")}</label>
          <textarea
            id="approval-description"
            required
            maxLength={500}
            rows={2}
            value={description()}
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
          <label for="approval-amount">{t("approvals.amount")}</label>
          <input
            id="approval-amount"
            inputmode="decimal"
            pattern="[0-9]+([.,][0-9]{1,2})?"
            value={amount()}
            onInput={(event) => setAmount(event.currentTarget.value)}
          />
          <label for="approval-currency">{t("approvals.currency")}</label>
          <input
            id="approval-currency"
            list="approval-currencies"
            pattern="[A-Za-z]{3}"
            maxLength={3}
            value={currency()}
            onInput={(event) => setCurrency(event.currentTarget.value)}
          />
          <datalist id="approval-currencies">
            <For each={CURRENCIES}>{(code) => <option value={code} />}</For>
          </datalist>
          <label for="approval-minutes">{t("approvals.validFor")}</label>
          <input
            id="approval-minutes"
            type="number"
            min={1}
            max={1440}
            value={minutes()}
            onInput={(event) => setMinutes(Number(event.currentTarget.value) || 10)}
          />
        </div>
        <fieldset class="dialog-fields">
          <legend>{t("approvals.channel")}</legend>
          <Show when={channels().length > 0} fallback={<p class="form-error">{t("approvals.noContact")}</p>}>
            <For each={channels()}>
              {(option) => (
                <label>
                  <input
                    type="radio"
                    name="approval-channel"
                    value={option}
                    checked={channel() === option}
                    onChange={() => setChannel(option)}
                  />{" "}
                  {t(`approvals.channel.${option}`, { to: props.destinations[option] ?? "" })}
                </label>
              )}
            </For>
          </Show>
        </fieldset>
        <p class="form-error" role="alert">
          <Show when={props.problem}>{props.problem}</Show>
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            {t("approvals.cancel")}
          </button>
          <button
            type="submit"
            class="primary"
            disabled={!description().trim() || channels().length === 0 || props.busy}
          >
            {t("approvals.send")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
