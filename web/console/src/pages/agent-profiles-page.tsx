import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { AgentApi } from "../data/agent-api";
import type { AgentProfile, TipoChoice } from "../data/agent-profiles";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";

type Props = { api: AgentApi };

/**
 * "Perfiles (Kardex)" (seed 001, issue 7), for admins: which tipos of the published script tree
 * each agent attends. Routing shows an agent only the queued cases of his tipos; an agent with
 * none ticked attends them all. Each agent's row is saved on its own.
 */
export default function AgentProfilesPage(props: Props) {
  const { t } = useI18n();
  const [loaded] = createResource(() => props.api.agentProfiles());
  /** What the admin has ticked, and what is saved, per agent. */
  const [picks, setPicks] = createStore<Record<string, string[]>>({});
  const [saved, setSaved] = createStore<Record<string, string[]>>({});
  const [status, setStatus] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const [busy, setBusy] = createSignal<string>();

  createEffect(() => {
    for (const agent of loaded()?.agents ?? []) {
      setPicks(agent.staffId, [...agent.tipos]);
      setSaved(agent.staffId, [...agent.tipos]);
    }
  });

  async function save(agent: AgentProfile, tipos: readonly TipoChoice[]) {
    setStatus("");
    setFailure("");
    setBusy(agent.staffId);
    // In the tree's order, and only tipos the published tree still has.
    const chosen = tipos.filter((tipo) => picks[agent.staffId]?.includes(tipo.id));
    try {
      const profile = await props.api.saveAgentProfile(
        agent.staffId,
        chosen.map((tipo) => tipo.id),
      );
      setSaved(agent.staffId, profile.tipos);
      setPicks(agent.staffId, [...profile.tipos]);
      setStatus(
        chosen.length > 0
          ? t("profiles.saved", { name: agent.name, tipos: chosen.map((tipo) => tipo.name).join(", ") })
          : t("profiles.savedAll", { name: agent.name }),
      );
    } catch (error) {
      setFailure(t("profiles.notSaved", { name: agent.name, reason: describeError(error, t) }));
    } finally {
      setBusy(undefined);
    }
  }

  const row = (agent: AgentProfile, tipos: readonly TipoChoice[]) => (
    <tr>
      <th scope="row">
        <span class="profile-name">{agent.name}</span>
        <span class="muted profile-detail">{agent.email}</span>
        <Show when={(saved[agent.staffId] ?? []).length === 0}>
          <span class="muted profile-detail">{t("profiles.all")}</span>
        </Show>
      </th>
      <For each={tipos}>
        {(tipo) => (
          <td>
            <input
              type="checkbox"
              aria-label={t("profiles.attends", { name: agent.name, tipo: tipo.name })}
              checked={picks[agent.staffId]?.includes(tipo.id) ?? false}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setPicks(agent.staffId, (current) =>
                  on ? [...current, tipo.id] : current.filter((id) => id !== tipo.id),
                );
              }}
            />
          </td>
        )}
      </For>
      <td>
        <button
          type="button"
          aria-label={t("profiles.saveNamed", { name: agent.name })}
          disabled={busy() === agent.staffId}
          onClick={() => save(agent, tipos)}
        >
          {t("profiles.save")}
        </button>
      </td>
    </tr>
  );

  const table = (agents: readonly AgentProfile[], tipos: readonly TipoChoice[]) => (
    // Many tipos make the table wider than the page: it scrolls, and the keyboard can scroll it.
    <section class="profiles-scroll" aria-labelledby="profiles-heading" tabindex="0">
      <table class="profiles-table">
        <thead>
          <tr>
            <th scope="col">{t("profiles.agent")}</th>
            <For each={tipos}>{(tipo) => <th scope="col">{tipo.name}</th>}</For>
            <th scope="col">
              <span class="visually-hidden">{t("profiles.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={agents}>{(agent) => row(agent, tipos)}</For>
        </tbody>
      </table>
    </section>
  );

  return (
    <main class="profiles-page" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">{t("profiles.heading")}</h2>
      <p class="muted">{t("profiles.intro")}</p>
      <Show when={!loaded.error} fallback={<p role="alert">{t("errors.generic")}</p>}>
        <Show when={loaded()} fallback={<p role="status">{t("console.loading")}</p>}>
          {(data) => (
            <Show when={data().tipos} fallback={<p>{t("profiles.noTree")}</p>}>
              {(tipos) => (
                <Show when={data().agents.length > 0} fallback={<p>{t("profiles.noAgents")}</p>}>
                  {table(data().agents, tipos())}
                </Show>
              )}
            </Show>
          )}
        </Show>
      </Show>
      <Show when={failure()}>
        <p role="alert">{failure()}</p>
      </Show>
      <p role="status">{status()}</p>
    </main>
  );
}
