import { For, type JSX, Show } from "solid-js";
import type { Section, StaffIdentity } from "../data/console-types";
import type { ConnectionState } from "../data/live-socket";
import { useI18n } from "../providers/i18n-provider";
import { LanguageSelect } from "./language-select";

type Props = {
  tenantName: string;
  staff: StaffIdentity;
  connection: ConnectionState;
  /** The section shown, when the viewer has more than one. */
  section?: Section;
  onSection?(section: Section): void;
  onSignOut(): void;
  /** The team's live corner: supervisors' pending consults, and what is announced of them. */
  team?: JSX.Element;
};

const SECTIONS: readonly Section[] = [
  "conversations",
  "care",
  "handle_time",
  "reasons",
  "auto_replies",
  "catalog",
  "departments",
  "profiles",
  "scripts",
];
/** Sections only some roles see; the others are everyone's. */
const SECTION_ROLES: Partial<Record<Section, readonly StaffIdentity["role"][]>> = {
  auto_replies: ["admin"],
  catalog: ["admin"],
  departments: ["admin"],
  profiles: ["admin"],
  scripts: ["admin"],
  handle_time: ["supervisor", "admin"],
  reasons: ["supervisor", "admin"],
};

export function ConsoleHeader(props: Props) {
  const { t } = useI18n();
  return (
    <header class="console-header">
      <h1 class="brand">
        Atiende <span class="tenant">{props.tenantName}</span>
      </h1>
      <Show when={props.section && props.onSection}>
        <nav class="sections" aria-label={t("section.nav")}>
          <For each={SECTIONS.filter((s) => SECTION_ROLES[s]?.includes(props.staff.role) ?? true)}>
            {(section) => (
              <button
                type="button"
                aria-current={props.section === section ? "page" : undefined}
                onClick={() => props.onSection?.(section)}
              >
                {t(`section.${section}`)}
              </button>
            )}
          </For>
        </nav>
      </Show>
      <p class="connection" classList={{ live: props.connection === "live" }} role="status">
        <span class="dot" aria-hidden="true" />
        {t(`connection.${props.connection}`)}
      </p>
      <p class="who">
        {t("header.signedInAs", { name: props.staff.name, role: t(`role.${props.staff.role}`) })}
      </p>
      {props.team}
      <LanguageSelect />
      <button type="button" onClick={() => props.onSignOut()}>
        {t("header.signOut")}
      </button>
    </header>
  );
}
