import { type Accessor, createEffect, createResource, createSignal, on } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { ConsultInfo, TeamEvent, TeamTab } from "./case-team-types";

type Options = {
  staffId: string;
  /** Supervisors and admins answer consults and see the pending list. */
  oversees: boolean;
  conversationId: Accessor<string | undefined>;
  customerId: Accessor<string | undefined>;
};

/** Something live worth saying aloud: a new consult for a supervisor, an answer for the agent who asked. */
export type TeamAnnouncement =
  | { kind: "question"; name: string; text: string; conversationId: string }
  | { kind: "answer"; name: string; text: string; conversationId: string };

/**
 * The team's side of the open case (issue 6): its private notes and consult thread, similar past
 * cases (fetched when asked for), the notes of the customer's other cases, and for supervisors the
 * tenant's pending consults, all kept current by the live `case.*` events.
 */
export function createCaseTeamStore(api: AgentApi, options: Options, report: (error: unknown) => void) {
  const [tab, setTab] = createSignal<TeamTab | null>(null);
  // Set when someone opens a tab, cleared once its panel took the focus: a live reload never steals it.
  const [focusWanted, setFocusWanted] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal<TeamAnnouncement>();
  const quietly =
    <T>(fallback: T) =>
    (error: unknown) => {
      report(error);
      return fallback;
    };

  const [team, { refetch: refetchTeam }] = createResource(options.conversationId, (id) =>
    api.caseTeam(id).catch(quietly(null)),
  );
  const similarSource = () => (tab() === "similar" ? options.conversationId() : undefined);
  const [similar, { refetch: refetchSimilar }] = createResource(similarSource, (id) =>
    api.similarCases(id).catch(quietly([])),
  );
  const [customerNotes, { refetch: refetchCustomerNotes }] = createResource(options.customerId, (id) =>
    api.customerNotes(id).catch(quietly([])),
  );
  const [pending, { refetch: refetchPending }] = createResource(
    () => options.oversees || undefined,
    () => api.pendingConsults().catch(quietly([] as ConsultInfo[])),
  );

  // Another case: the similar ones of the last one no longer apply.
  createEffect(
    on(options.conversationId, () => tab() === "similar" && void refetchSimilar(), { defer: true }),
  );

  // `latest` everywhere: a live reload keeps what is shown instead of suspending the panel.
  return {
    tab,
    /** Opens a tab (closes it with null) and asks its panel to take the focus once it is ready. */
    openTab(next: TeamTab | null) {
      setTab(next);
      setFocusWanted(next !== null);
    },
    focusWanted,
    focusTaken: () => setFocusWanted(false),
    team: () => team.latest ?? null,
    teamLoading: () => team.loading,
    similar: () => similar.latest ?? [],
    similarLoading: () => similar.loading,
    customerNotes: () => customerNotes.latest ?? [],
    pending: () => pending.latest ?? [],
    announcement,
    refresh: () => void refetchTeam(),

    /** A live event of the team's side: the open case reloads its thread, supervisors their pending list. */
    apply(event: TeamEvent) {
      const { conversationId, note } = event.data;
      if (conversationId === options.conversationId()) void refetchTeam();
      if (event.name === "case.note_added") {
        void refetchCustomerNotes();
        return;
      }
      if (options.oversees) void refetchPending();
      if (event.name === "case.consult_requested" && options.oversees && note.authorId !== options.staffId) {
        setAnnouncement({ kind: "question", name: note.authorName, text: note.text, conversationId });
      }
      if (event.name === "case.consult_answered" && event.data.askedById === options.staffId) {
        setAnnouncement({ kind: "answer", name: note.authorName, text: note.text, conversationId });
      }
    },

    /** Runs one write of the team's side and reloads the case's thread; false when it failed (and was reported). */
    async write(run: (conversationId: string) => Promise<unknown>) {
      const id = options.conversationId();
      if (!id) return false;
      try {
        await run(id);
        void refetchTeam();
        if (options.oversees) void refetchPending();
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
  };
}

export type CaseTeamStore = ReturnType<typeof createCaseTeamStore>;
