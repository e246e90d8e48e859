import { createContext, createSignal, type JSX, onCleanup, useContext } from "solid-js";
import type { Lang } from "../../../customer/src/i18n.js";

/**
 * Messages between the chat page and the launcher on the host site. Only the parent window
 * is listened to, and it can say nothing but whether the panel is open; what the page sends
 * out (the unread count, a request to close) is nothing a host could not see on screen.
 */
export type FrameMessage =
  | { type: "atiende:ready" }
  | { type: "atiende:open"; open: boolean }
  | { type: "atiende:unread"; count: number }
  | { type: "atiende:lang"; lang: Lang }
  | { type: "atiende:close" };

function createFrame(embedded: boolean) {
  const [open, setOpen] = createSignal(!embedded);
  const [pageVisible, setPageVisible] = createSignal(document.visibilityState === "visible");

  const post = (message: FrameMessage) => {
    if (embedded) window.parent.postMessage(message, "*");
  };
  const onVisibility = () => setPageVisible(document.visibilityState === "visible");
  const onMessage = (event: MessageEvent) => {
    const data = event.data as Partial<FrameMessage> | null;
    if (event.source !== window.parent || data?.type !== "atiende:open") return;
    setOpen(Boolean((data as { open?: unknown }).open));
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.defaultPrevented) post({ type: "atiende:close" });
  };

  document.addEventListener("visibilitychange", onVisibility);
  if (embedded) {
    window.addEventListener("message", onMessage);
    document.addEventListener("keydown", onKey);
    post({ type: "atiende:ready" });
  }
  onCleanup(() => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("message", onMessage);
    document.removeEventListener("keydown", onKey);
  });

  return {
    embedded,
    /** Whether the customer can see the chat at all: the launcher's panel is open (always, on /chat). */
    open,
    /** Open and in a visible tab: only then do replies count as read. */
    visible: () => open() && pageVisible(),
    close: () => post({ type: "atiende:close" }),
    reportUnread: (count: number) => post({ type: "atiende:unread", count }),
    /** The launcher speaks the language the customer chose inside the chat. */
    reportLanguage: (lang: Lang) => post({ type: "atiende:lang", lang }),
  };
}

export type Frame = ReturnType<typeof createFrame>;
const FrameContext = createContext<Frame>();

export function FrameProvider(props: { embedded: boolean; children: JSX.Element }) {
  return <FrameContext.Provider value={createFrame(props.embedded)}>{props.children}</FrameContext.Provider>;
}

export function useFrame() {
  const context = useContext(FrameContext);
  if (!context) throw new Error("useFrame must be used inside <FrameProvider>");
  return context;
}
