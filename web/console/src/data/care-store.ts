import { createSignal } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { CareQuery, CareRecordInfo, CareTab, PushedEvent } from "./console-types";

export type CareEvent = PushedEvent<"care.record_changed" | "service.requested">;

/** Rows fetched per page; "Cargar más" asks for the next as many. */
export const CARE_PAGE_SIZE = 50;
/** Events about the shown tab arrive in bursts (a service moves its source too): one reload per burst. */
const RELOAD_DELAY_MS = 300;

export const isCareEvent = (event: PushedEvent): event is CareEvent =>
  event.name === "care.record_changed" || event.name === "service.requested";

const tabOf = (event: CareEvent): CareTab =>
  event.name === "service.requested" ? "services" : event.data.tab;

/**
 * One tab of "Atención al cliente" as the agent filtered it: the rows loaded so far, a page at
 * a time from the server, and a reload when someone changes a record of that tab.
 */
export function createCareStore(api: AgentApi, initial: CareQuery, report: (error: unknown) => void) {
  const [filters, setFilters] = createSignal<CareQuery>(initial);
  const [records, setRecords] = createSignal<CareRecordInfo[]>([]);
  const [nextCursor, setNextCursor] = createSignal<string>();
  const [loading, setLoading] = createSignal(false);
  // Only the latest request may fill the table: a slow answer to older filters is dropped.
  let generation = 0;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;

  async function fetchPage(query: CareQuery, append: boolean) {
    const mine = ++generation;
    setLoading(true);
    try {
      const page = await api.careRecords(query);
      if (mine !== generation) return;
      setRecords((current) => (append ? [...current, ...page.records] : page.records));
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (mine === generation) report(error);
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  return {
    filters,
    records,
    loading,
    hasMore: () => nextCursor() !== undefined,
    /** Shows the tab with these filters, from the first page. */
    load(query: CareQuery) {
      setFilters(query);
      setRecords([]);
      setNextCursor(undefined);
      return fetchPage({ ...query, limit: CARE_PAGE_SIZE }, false);
    },
    more() {
      const cursor = nextCursor();
      if (cursor) return fetchPage({ ...filters(), limit: CARE_PAGE_SIZE, cursor }, true);
    },
    /** Loads the tab again, as deep as it was loaded, keeping the filters. */
    reload() {
      const depth = Math.min(200, Math.max(CARE_PAGE_SIZE, records().length));
      return fetchPage({ ...filters(), limit: depth }, false);
    },
    /** A row the agent just acted on, as the server answered, until the next reload. */
    replace(record: CareRecordInfo) {
      setRecords((current) => current.map((row) => (row.recordId === record.recordId ? record : row)));
    },
    apply(event: CareEvent) {
      if (tabOf(event) !== filters().tab) return;
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
    },
  };
}

export type CareStore = ReturnType<typeof createCareStore>;
