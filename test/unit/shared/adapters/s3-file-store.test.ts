import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createS3FileStore } from "../../../../shared/adapters/aws/s3-file-store.js";

const s3 = mockClient(S3Client);
const files = createS3FileStore(new S3Client({ region: "eu-west-1" }), "atiende-files");
const BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);

afterEach(() => s3.reset());

describe("the S3 file store", () => {
  it("asks S3 to encrypt a file stored as encrypted, whatever the bucket's default", async () => {
    s3.on(PutObjectCommand).resolves({});
    await files.put("tenants/t/cases/cnv_1/documents/att_1", BYTES, "application/pdf", { encrypted: true });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: "atiende-files",
      Key: "tenants/t/cases/cnv_1/documents/att_1",
      Body: BYTES,
      ContentType: "application/pdf",
      ServerSideEncryption: "AES256",
    });
  });

  it("signs a download for as long as asked, and a minute by default", async () => {
    const signing = createS3FileStore(
      new S3Client({
        region: "eu-west-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      }),
      "atiende-files",
    );
    const expiry = async (expiresInSeconds?: number) =>
      new URL(
        await signing.presignDownload({
          key: "tenants/t/cases/cnv_1/documents/att_1",
          fileName: "ticket.png",
          ...(expiresInSeconds && { expiresInSeconds }),
        }),
      ).searchParams.get("X-Amz-Expires");
    expect(await expiry(30)).toBe("30");
    expect(await expiry()).toBe("60");
  });

  it("leaves any other file to the bucket's default", async () => {
    s3.on(PutObjectCommand).resolves({});
    await files.put("tenants/t/media/m1", BYTES, "application/pdf");
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).not.toHaveProperty("ServerSideEncryption");
  });
});
