export * from "./import-tree.js";
export * from "./move-branch.js";
export * from "./script-tree.js";
export * from "./validate-tree.js";
