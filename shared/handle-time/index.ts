export * from "./case-handle-time.js";
export * from "./export-handle-time.js";
export * from "./record-activity.js";
