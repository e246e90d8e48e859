export * from "./close-record.js";
export * from "./decide-service.js";
export * from "./export-records.js";
export * from "./generate-service.js";
export * from "./list-records.js";
export * from "./record.js";
export * from "./records-table.js";
