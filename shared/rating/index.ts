export * from "./rate-case.js";
export * from "./rating-choice.js";
export * from "./rating-list.js";
export * from "./request-rating.js";
