import type { JSX } from "solid-js";
import type { Channel, DeliveryState } from "../data/console-types";

/**
 * Small line icons drawn in the page (the CSP loads no icon font). Each is decorative unless
 * given a `label`, which becomes its accessible name.
 */
function Icon(props: { label?: string; class?: string; children: JSX.Element }) {
  return (
    <svg
      class={`icon ${props.class ?? ""}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      role={props.label ? "img" : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : "true"}
    >
      {props.children}
    </svg>
  );
}

const CHANNEL_PATHS: Record<Channel, () => JSX.Element> = {
  web: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c3 3.4 3 14.6 0 18M12 3c-3 3.4-3 14.6 0 18" />
    </>
  ),
  whatsapp: () => (
    <>
      <path d="M4 20l1.4-4.2A8.5 8.5 0 1 1 8.6 18.8z" />
      <path d="M9 8.5c0 3.5 2.5 6.5 6.5 6.5l1-1.6-2-1-1 .9c-1.2-.5-2.3-1.6-2.8-2.8l.9-1-1-2z" />
    </>
  ),
  messenger: () => (
    <>
      <path d="M12 3c5 0 9 3.6 9 8.2s-4 8.2-9 8.2c-.9 0-1.8-.1-2.6-.4L5 21v-3.9C3.8 15.6 3 13.5 3 11.2 3 6.6 7 3 12 3z" />
      <path d="M7.5 13.5l3-3.2 2.4 2 3.6-3.8" />
    </>
  ),
  email: () => (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M3.5 6.5l8.5 6.5 8.5-6.5" />
    </>
  ),
};

export function ChannelIcon(props: { channel: Channel; label?: string }) {
  return (
    <Icon label={props.label} class={`channel-icon channel-${props.channel}`}>
      {CHANNEL_PATHS[props.channel]()}
    </Icon>
  );
}

const DELIVERY_PATHS: Record<DeliveryState, () => JSX.Element> = {
  queued: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  sent: () => <path d="M5 12.5l4.5 4.5L19 7.5" />,
  delivered: () => <path d="M2 12.5l4.5 4.5L16 7.5M9.5 16l1 1L20 7.5" />,
  read: () => <path d="M2 12.5l4.5 4.5L16 7.5M9.5 16l1 1L20 7.5" />,
  failed: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.5v.01" />
    </>
  ),
};

export function DeliveryIcon(props: { state: DeliveryState; label?: string }) {
  return (
    <Icon label={props.label} class={`delivery-icon delivery-${props.state}`}>
      {DELIVERY_PATHS[props.state]()}
    </Icon>
  );
}
