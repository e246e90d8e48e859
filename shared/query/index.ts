export * from "./list-my-queries.js";
export * from "./query-info.js";
export * from "./submit-query.js";
