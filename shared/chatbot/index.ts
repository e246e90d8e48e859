export * from "./answer-customer.js";
export * from "./bot-flows.js";
export * from "./bot-turn.js";
export * from "./engine.js";
export * from "./flow.js";
export * from "./validate-flow.js";
