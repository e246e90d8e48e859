import { z } from "zod";

/** What a simulated customer attaches: raw bytes from a test, base64 from the page or a JSON call. */
export const CustomerFile = z.object({
  data: z.union([z.instanceof(Uint8Array), z.base64().min(1)]),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "not a MIME type"),
  fileName: z.string().min(1).max(240).optional(),
});

/** The bytes of a customer's file, whichever way they were given. */
export function customerFileBytes(file: z.output<typeof CustomerFile>): Uint8Array {
  return typeof file.data === "string" ? Buffer.from(file.data, "base64") : file.data;
}
