import type { ContactReport, ContactReportQuery } from "../../../../shared/script-reports/contact-report.js";

/** The supervisor's report on why customers call (issue 7), as the API answers it. */
export type { ContactReport };

/** Desde/Hasta (days on the tenant's clock), optionally one tipo (and one of its motivos) or one agent, and the language exit tags are named in. */
export type ContactReasonsQuery = ContactReportQuery;

/** The files the report downloads as. */
export type ContactReasonsFormat = "csv" | "pdf";

/** `2:05` for two minutes and five seconds, as the report's PDF writes times. */
export const minutesText = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};
