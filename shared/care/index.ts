export * from "./list-records.js";
export * from "./record.js";
