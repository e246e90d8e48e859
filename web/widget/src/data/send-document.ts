import { type CustomerApi, putFile } from "./api.js";
import { uploadName } from "./file-check.js";

/**
 * Answers a document request with a file: a presigned upload, then the submit that has the
 * server check its real type and keep it with the case. A retry after a failed submit uploads
 * again, since the server deletes a file it refused.
 */
export async function sendDocument(api: CustomerApi, conversationId: string, documentId: string, file: File) {
  const name = uploadName(file.name);
  const upload = await api.requestUpload({ name, contentType: file.type, size: file.size });
  await putFile(upload, file);
  return api.submitDocument(conversationId, documentId, {
    clientMessageId: crypto.randomUUID(),
    attachment: { attachmentId: upload.attachmentId, name },
  });
}
