import type { AllowedType } from "../../../../shared/attachment/index.js";

/**
 * The server's limits, repeated here so a customer hears at once that a file will not do,
 * before anything is uploaded. The `satisfies` keeps the list in step with the server's types.
 */
const ACCEPTED = {
  "image/jpeg": true,
  "image/png": true,
  "image/gif": true,
  "image/webp": true,
  "application/pdf": true,
} as const satisfies Record<AllowedType, true>;

export const ACCEPTED_TYPES = Object.keys(ACCEPTED) as AllowedType[];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 5;
export const MAX_TEXT_LENGTH = 4000;
const MAX_NAME_LENGTH = 200;

/** What the file picker offers; the check below still decides. */
export const ACCEPT_ATTRIBUTE = [...ACCEPTED_TYPES, ".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf"].join(
  ",",
);

export type FileProblem = "type" | "size" | "empty";

export function checkFile(file: { type: string; size: number }): FileProblem | undefined {
  if (!(file.type in ACCEPTED)) return "type";
  if (file.size === 0) return "empty";
  if (file.size > MAX_FILE_BYTES) return "size";
  return undefined;
}

export function isImage(contentType: string) {
  return contentType.startsWith("image/");
}

/** The server refuses names with control characters or over 200 characters; keep the extension when shortening. */
export function uploadName(name: string) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
  const clean = name.replace(/[\u0000-\u001f\\/]/g, "_").trim() || "archivo";
  if (clean.length <= MAX_NAME_LENGTH) return clean;
  const dot = clean.lastIndexOf(".");
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}
