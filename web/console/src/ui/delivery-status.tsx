import type { Delivery } from "../data/console-types";
import { deliveryLabel } from "../data/message-content";
import { useI18n } from "../providers/i18n-provider";
import { DeliveryIcon } from "./icons";

/**
 * How far one of our messages got on its channel. Sent, delivered and read are ticks with their
 * name for assistive technology; waiting and failure spell themselves out, with the reason.
 */
export function DeliveryStatus(props: { delivery: Delivery }) {
  const { t } = useI18n();
  const text = () => {
    const label = deliveryLabel(props.delivery);
    return t(label.key, label.params);
  };
  const spelled = () => props.delivery.state === "queued" || props.delivery.state === "failed";
  return (
    <p class={`delivery delivery-${props.delivery.state}`} title={text()}>
      <DeliveryIcon state={props.delivery.state} />
      <span class={spelled() ? "delivery-text" : "visually-hidden"}>{text()}</span>
    </p>
  );
}
