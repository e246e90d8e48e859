import { expect } from "vitest";
import { api } from "./api.js";

/** A 1×1 PNG. */
export const PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/** The widget's flow: ask for a presigned upload, then PUT the bytes where it says; the attachment's id. */
export async function uploadFile(
  url: string,
  token: string,
  file: { name: string; contentType: string; bytes: Uint8Array<ArrayBuffer> },
) {
  const { status, body } = await api(url, "/api/customer/uploads", {
    method: "POST",
    token,
    body: { name: file.name, contentType: file.contentType, size: file.bytes.length },
  });
  expect(status).toBe(201);
  const put = await fetch(body.url, { method: "PUT", headers: body.headers, body: file.bytes });
  expect(put.status).toBe(200);
  return body.attachmentId as string;
}
