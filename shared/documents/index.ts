export * from "./answer-from-channel.js";
export * from "./case-document.js";
export * from "./document-link.js";
export * from "./list-documents.js";
export * from "./receive-document.js";
export * from "./request-document.js";
export * from "./submit-document.js";
