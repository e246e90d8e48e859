import type { AgentApi } from "./agent-api";
import { ApiError, networkError } from "./api-error";
import type { AttachmentClaim } from "./console-types";

/** What the server accepts (shared/attachment): checked here first so nobody waits for a refusal. */
export const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

export type FileProblem = "unsupported_type" | "too_large";

export function checkFile(file: { type: string; size: number }): FileProblem | null {
  if (!ACCEPTED_TYPES.includes(file.type)) return "unsupported_type";
  if (file.size > MAX_ATTACHMENT_BYTES) return "too_large";
  return null;
}

/** Uploads a file straight to storage through a presigned URL; the message then claims it. */
export async function uploadFile(api: AgentApi, file: File): Promise<AttachmentClaim> {
  const upload = await api.requestUpload({ name: file.name, contentType: file.type, size: file.size });
  let response: Response;
  try {
    response = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw new ApiError(response.status, "upload_failed", "The upload was refused");
  return { attachmentId: upload.attachmentId, name: file.name };
}

export const isImage = (contentType: string) => contentType.startsWith("image/");

/** Downloads an attachment through its short-lived link (storage serves it as a download). */
export async function downloadAttachment(
  api: AgentApi,
  conversationId: string,
  seq: number,
  attachmentId: string,
) {
  const { url } = await api.attachmentLink(conversationId, seq, attachmentId);
  const link = document.createElement("a");
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.click();
}
