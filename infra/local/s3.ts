import { mkdirSync } from "node:fs";
import S3rver from "s3rver";

/** Browsers upload straight to the bucket with presigned PUTs, and read with presigned GETs. */
const corsFor = (origins: readonly string[]) => `<CORSConfiguration>
  <CORSRule>
${origins.map((origin) => `    <AllowedOrigin>${origin}</AllowedOrigin>`).join("\n")}
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <AllowedHeader>content-length</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** s3rver on loopback, persisting under `dir`, with the bucket created and its CORS set. */
export async function startS3(dir: string, port: number, bucket: string, webOrigins: readonly string[]) {
  mkdirSync(dir, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    directory: dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [corsFor(webOrigins)] }],
  });
  await server.run();
  return server;
}

/** s3rver's built-in account: it checks request signatures against these keys. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
