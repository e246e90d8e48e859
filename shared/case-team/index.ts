export * from "./add-note.js";
export * from "./case-note.js";
export * from "./consult.js";
export * from "./customer-notes.js";
export * from "./find-similar-cases.js";
export * from "./list-consults.js";
export * from "./list-notes.js";
