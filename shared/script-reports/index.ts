export * from "./contact-report.js";
export * from "./report-csv.js";
export * from "./report-pdf.js";
export * from "./report-range.js";
