import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { FileStore } from "../../ports.js";

const UPLOAD_SECONDS = 300;
const DOWNLOAD_SECONDS = 60;

/** Files in S3 (s3rver locally) through presigned URLs; the browser never gets credentials. */
export function createS3FileStore(s3: S3Client, bucket: string): FileStore {
  return {
    async presignUpload({ key, contentType, size }) {
      // Content type and length are signed headers: S3 refuses an upload that differs.
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: size,
      });
      const url = await getSignedUrl(s3, command, {
        expiresIn: UPLOAD_SECONDS,
        signableHeaders: new Set(["content-type", "content-length"]),
      });
      return { url, headers: { "content-type": contentType } };
    },

    async presignDownload({ key, fileName, expiresInSeconds = DOWNLOAD_SECONDS }) {
      const disposition = `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
      return getSignedUrl(
        s3,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }),
        {
          expiresIn: expiresInSeconds,
        },
      );
    },

    async head(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (error instanceof Error && (error.name === "NotFound" || error.name === "NoSuchKey")) return null;
        throw error;
      }
    },

    async readStart(key, bytes) {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      return object.Body ? object.Body.transformToByteArray() : new Uint8Array();
    },

    async read(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof Error && error.name === "NoSuchKey") return null;
        throw error;
      }
    },

    async put(key, bytes, contentType, options) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          // The files bucket's key is S3-managed (see `files-bucket.ts`); asked for explicitly, a
          // bucket whose default changed still stores a customer's document encrypted.
          ...(options?.encrypted && { ServerSideEncryption: "AES256" as const }),
        }),
      );
    },

    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
