import { type Accessor, createContext, createSignal, type JSX, useContext } from "solid-js";

/** The text is read when shown, so a notice follows a change of language. */
export type Notice = { id: number; text: () => string };

type Notices = {
  notices: Accessor<Notice[]>;
  notify(text: () => string): void;
  dismiss(id: number): void;
  clear(): void;
};

const NoticesContext = createContext<Notices>();
/** Older notices give way, so the region stays a strip. */
const MAX_NOTICES = 3;

/** Failures that are not tied to one form, announced politely to screen readers. */
export function NoticesProvider(props: { children: JSX.Element }) {
  const [notices, setNotices] = createSignal<Notice[]>([]);
  let nextId = 1;
  const value: Notices = {
    notices,
    notify(text) {
      const shown = text();
      setNotices((list) =>
        [...list.filter((n) => n.text() !== shown), { id: nextId++, text }].slice(-MAX_NOTICES),
      );
    },
    dismiss(id) {
      setNotices((list) => list.filter((n) => n.id !== id));
    },
    clear() {
      setNotices([]);
    },
  };
  return <NoticesContext.Provider value={value}>{props.children}</NoticesContext.Provider>;
}

export function useNotices(): Notices {
  const context = useContext(NoticesContext);
  if (!context) throw new Error("useNotices must be used inside <NoticesProvider>");
  return context;
}
