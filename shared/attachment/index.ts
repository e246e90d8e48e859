import { z } from "zod";
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "../errors.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** What we accept, and the bytes each kind of file really starts with. */
export const ALLOWED_TYPES = {
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/gif": [
    [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
    [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  ],
  "image/webp": [[0x52, 0x49, 0x46, 0x46]],
  "application/pdf": [[0x25, 0x50, 0x44, 0x46, 0x2d]],
} as const satisfies Record<string, readonly (readonly number[])[]>;
export type AllowedType = keyof typeof ALLOWED_TYPES;
const TYPE_NAMES = Object.keys(ALLOWED_TYPES) as [AllowedType, ...AllowedType[]];

export const FileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (name) => ![...name].some((char) => char === "/" || char === "\\" || char.charCodeAt(0) < 0x20),
    "file names carry no paths or control characters",
  );

export const RequestUploadInput = z.object({
  name: FileName,
  contentType: z.string().max(100),
  size: z.number().int().positive(),
});
export type RequestUploadInput = z.input<typeof RequestUploadInput>;

export const AttachmentClaim = z.object({
  attachmentId: z.string().regex(/^att_[0-9A-Z]{26}$/),
  name: FileName,
});
export type AttachmentClaim = z.infer<typeof AttachmentClaim>;

export type Attachment = {
  attachmentId: string;
  key: string;
  name: string;
  contentType: string;
  size: number;
};

/** Uploads are kept per tenant and per uploader, so a claim can only name one's own files. */
function objectKey(tenantId: string, ownerId: string, attachmentId: string) {
  return `tenants/${tenantId}/uploads/${ownerId}/${attachmentId}`;
}

function checkDeclared(contentType: string, size: number): asserts contentType is AllowedType {
  if (!(contentType in ALLOWED_TYPES)) {
    throw new UnsupportedMediaTypeError(`Files of type ${contentType} are not accepted`, {
      accepted: TYPE_NAMES,
    });
  }
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new PayloadTooLargeError("The file is larger than allowed", { maxBytes: MAX_ATTACHMENT_BYTES });
  }
}

/** A presigned upload bound to one random key, one content type and one exact size. */
export async function requestUpload(
  ports: Pick<Ports, "files">,
  owner: { tenantId: string; ownerId: string },
  input: RequestUploadInput,
) {
  const { contentType, size } = RequestUploadInput.parse(input);
  checkDeclared(contentType, size);
  const attachmentId = newId("attachment");
  const key = objectKey(owner.tenantId, owner.ownerId, attachmentId);
  const upload = await ports.files.presignUpload({ key, contentType, size });
  return { attachmentId, ...upload, maxBytes: MAX_ATTACHMENT_BYTES };
}

/** The file's first bytes are those of its type (a channel's media is checked with it too). */
export function startsWithSignature(bytes: Uint8Array, type: AllowedType) {
  return ALLOWED_TYPES[type].some((signature) => signature.every((byte, index) => bytes[index] === byte));
}

/**
 * Checks claimed uploads against what is really stored: the object exists under the
 * claimant's own prefix, within the size limit, of an accepted type whose first bytes match.
 * A file that fails is deleted, so nothing unchecked stays behind.
 */
export async function verifyAttachments(
  ports: Pick<Ports, "files">,
  owner: { tenantId: string; ownerId: string },
  claims: readonly AttachmentClaim[],
): Promise<Attachment[]> {
  if (claims.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new ValidationError(`At most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`);
  }
  return Promise.all(
    claims.map(async ({ attachmentId, name }) => {
      const key = objectKey(owner.tenantId, owner.ownerId, attachmentId);
      const stored = await ports.files.head(key);
      if (!stored)
        throw new ValidationError("The attachment was not uploaded", {
          attachmentId,
          code: "attachment_missing",
        });
      try {
        checkDeclared(stored.contentType, stored.size);
        const head = await ports.files.readStart(key, 16);
        if (!startsWithSignature(head, stored.contentType)) {
          throw new UnsupportedMediaTypeError("The file's content does not match its type", { attachmentId });
        }
      } catch (error) {
        await ports.files.remove(key);
        throw error;
      }
      return { attachmentId, key, name, contentType: stored.contentType, size: stored.size };
    }),
  );
}
