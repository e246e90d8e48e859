import { createContext, createSignal, type JSX, useContext } from "solid-js";

/** The chat has three places; a router would cost more than it gives. */
export type Route =
  | { name: "home" }
  | { name: "new" }
  | {
      name: "conversation";
      conversationId: string;
      /** A message to bring into view and focus (a search result). */
      focusSeq?: number;
      /** Keep the keyboard in the composer (the customer just wrote the first message). */
      keepWriting?: boolean;
    };

function createNavigation() {
  const [route, setRoute] = createSignal<Route>({ name: "home" });
  return { route, go: (next: Route) => setRoute(next) };
}

export type Navigation = ReturnType<typeof createNavigation>;
const NavigationContext = createContext<Navigation>();

export function NavigationProvider(props: { children: JSX.Element }) {
  return <NavigationContext.Provider value={createNavigation()}>{props.children}</NavigationContext.Provider>;
}

export function useNavigation() {
  const context = useContext(NavigationContext);
  if (!context) throw new Error("useNavigation must be used inside <NavigationProvider>");
  return context;
}
