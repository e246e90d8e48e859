import { Aws, Duration, Stack } from "aws-cdk-lib";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";

/** Presigned uploads expire in minutes; a multipart upload left unfinished for a day never completes. */
const UNFINISHED_UPLOAD_DAYS = 1;
/** Overwritten or deleted files stay recoverable this long, then go (erasure must really erase). */
const OLD_VERSION_DAYS = 30;

export type FilesBucketProps = {
  accessLogs: IBucket;
};

/**
 * Customer and agent files (attachments, later recordings). Browsers reach it only through
 * presigned URLs the HTTP API hands out, so CORS lets the web origin PUT and GET and nothing else.
 *
 * Its name is fixed (stack, account, region) so the site's CSP can name the bucket's origin
 * without referring to the bucket: the bucket's CORS refers to the site, and CloudFormation
 * refuses the loop two references would make.
 */
export class FilesBucket extends Bucket {
  /** The `https://` origin presigned URLs point at (virtual-hosted style, as the SDK signs them). */
  readonly browserOrigin: string;

  constructor(scope: Construct, id: string, props: FilesBucketProps) {
    const bucketName = `${Stack.of(scope).stackName.toLowerCase()}-files-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    super(scope, id, {
      bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: "s3/files/",
      lifecycleRules: [
        {
          abortIncompleteMultipartUploadAfter: Duration.days(UNFINISHED_UPLOAD_DAYS),
          noncurrentVersionExpiration: Duration.days(OLD_VERSION_DAYS),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
    this.browserOrigin = `https://${bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  /** Lets pages served from `origin` upload and download with presigned URLs. */
  allowBrowserAccessFrom(origin: string) {
    this.addCorsRule({
      allowedOrigins: [origin],
      allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
      // The presigned PUT signs content-type and content-length; the browser must send both.
      allowedHeaders: ["content-type", "content-length"],
      maxAge: 3600,
    });
  }
}
