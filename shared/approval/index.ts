export * from "./approval.js";
export * from "./cancel-approval.js";
export * from "./confirm-approval.js";
export * from "./list-approvals.js";
export * from "./request-approval.js";
export * from "./send-approval-code.js";
