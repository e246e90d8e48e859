export * from "./answer-card.js";
export * from "./card.js";
export * from "./insert-card.js";
export * from "./list-cards.js";
export * from "./save-card.js";
