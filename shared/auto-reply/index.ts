export * from "./auto-reply-settings.js";
export * from "./business-hours.js";
export * from "./match-keywords.js";
export * from "./reply-automatically.js";
export * from "./settings.js";
