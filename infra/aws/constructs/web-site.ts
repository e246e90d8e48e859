import { existsSync } from "node:fs";
import { join } from "node:path";
import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { VIEWER_ADDRESS_HEADER } from "../../../functions/http/viewer-address.js";

/**
 * Paths the HTTP API answers; everything else is the built web app in S3. Meta's webhooks come
 * through here too: every viewer header (X-Hub-Signature-256, X-Hub-Signature) reaches the API,
 * and CloudFront passes request bodies on as they came, so the signature checks the bytes Meta signed.
 * `/openapi.json` is a file of the site, written at build time: no one Lambda holds every route.
 */
export const API_PATHS = ["/api/*", "/webhooks/*", "/health"] as const;

/**
 * The pages of web/dist (see web/vite.config.ts) by the first segment of their URL: any path
 * under it without a file extension is that page, so client-side routes survive a reload.
 */
export const PAGES = {
  console: "console/index.html",
  chat: "widget/index.html",
  portal: "portal/index.html",
  docs: "docs/index.html",
} as const;

/** Vite names these by content hash, so a browser may keep them forever. */
const HASHED_ASSETS = "assets/*";

export type CustomDomain = { domainName: string; certificateArn: string };

export type WebSiteProps = {
  /** The built web app, `web/dist`. */
  distDir: string;
  httpApiDomain: string;
  /** `wss://` origin of the WebSocket API, which pages connect to. */
  realtimeOrigin: string;
  /** Where presigned URLs point: pages upload to and show files from it. */
  filesOrigin: string;
  accessLogs: IBucket;
  /** With one, viewers get TLS 1.2 or newer; CloudFront's own certificate also accepts TLS 1.0. */
  customDomain?: CustomDomain;
};

/**
 * The one origin browsers see: CloudFront serves the console, the chat page, the embed script
 * and the API reference from a private bucket (origin access control), and forwards the API
 * paths to the HTTP API uncached, so pages and API share an origin and need no CORS.
 */
export class WebSite extends Construct {
  readonly distribution: Distribution;
  /** `https://` origin of the site, e.g. for CORS on the files bucket. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    assertBuilt(props.distDir);

    const bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: "s3/web/",
    });
    const site = S3BucketOrigin.withOriginAccessControl(bucket);
    const pageRewrite = new EdgeFunction(this, "PageRewrite", {
      comment: "Serves each page's index.html for its client-side routes",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(pageRewriteCode()),
    });
    const headers = this.securityHeaders("Headers", props, "'none'");
    const pageBehavior = (responseHeadersPolicy: ResponseHeadersPolicy): BehaviorOptions => ({
      origin: site,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      functionAssociations: [{ function: pageRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    });
    const viewerAddress = new EdgeFunction(this, "ViewerAddress", {
      comment: "Tells the API the browser's address, which its rate limits count by",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerAddressCode()),
    });
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(props.httpApiDomain, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      // API clients are not redirected: a redirected POST loses its body.
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway routes by Host, so the viewer's must not reach it; everything else does.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    this.distribution = new Distribution(this, "Distribution", {
      comment: "Atiende: web app and API",
      defaultBehavior: pageBehavior(headers),
      additionalBehaviors: {
        // Host sites frame the chat page through /widget.js; their origins are not known here.
        "/chat*": pageBehavior(this.securityHeaders("ChatHeaders", props, "'self' https:")),
        ...Object.fromEntries(API_PATHS.map((path) => [path, apiBehavior])),
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      ...(props.customDomain && {
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        domainNames: [props.customDomain.domainName],
        certificate: Certificate.fromCertificateArn(this, "Certificate", props.customDomain.certificateArn),
      }),
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: "cloudfront/",
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Tenants serve customers wherever they are; no country is to be refused by default.",
    });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR2",
      reason:
        "No WAF web ACL by default (a fixed monthly cost per deployment): API Gateway throttles each stage and the app rate-limits sign-in and widget sessions. Attach one with webAclId where required.",
    });
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "Without a custom domain CloudFront serves its *.cloudfront.net certificate, whose TLS floor cannot be raised; pass the atiende:domainName and atiende:certificateArn context to get TLSv1.2_2021.",
      });
    }

    this.deploy(bucket, props.distDir);
  }

  /**
   * Security headers; the CSP allows only our origin, the WebSocket API and the files bucket.
   * Styles may be inline because Solid's templates carry style attributes; scripts may not.
   * Headers the origin sets itself (the API's own CSP) win over these.
   */
  private securityHeaders(id: string, props: WebSiteProps, frameAncestors: string) {
    const files = props.filesOrigin;
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${files}`,
      `media-src 'self' blob: ${files}`,
      `connect-src 'self' ${props.realtimeOrigin} ${files}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      `frame-ancestors ${frameAncestors}`,
    ].join("; ");
    const framable = frameAncestors !== "'none'";
    return new ResponseHeadersPolicy(this, id, {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: false },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: false,
        },
        ...(!framable && { frameOptions: { frameOption: HeadersFrameOption.DENY, override: false } }),
      },
      customHeadersBehavior: {
        customHeaders: [
          // Video attention needs the camera and microphone, on our pages only.
          {
            header: "Permissions-Policy",
            value: "camera=(self), microphone=(self), geolocation=(), payment=()",
            override: false,
          },
        ],
      },
    });
  }

  /**
   * Hashed assets are cached for a year; everything else (pages, /widget.js, which host sites
   * embed by a fixed name) is revalidated on every load, so a release shows at once.
   */
  private deploy(bucket: Bucket, distDir: string) {
    const source = Source.asset(distDir);
    new BucketDeployment(this, "DeployAssets", {
      sources: [source],
      destinationBucket: bucket,
      exclude: ["*"],
      include: [HASHED_ASSETS],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
    });
    new BucketDeployment(this, "DeployPages", {
      sources: [source],
      destinationBucket: bucket,
      exclude: [HASHED_ASSETS],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ["/*"],
    });
    acknowledgeDeploymentHandler(Stack.of(this), bucket);
  }
}

/**
 * BucketDeployment runs one CDK-owned Lambda per stack (`aws s3 sync` in Python), outside our
 * constructs and settings; these are its findings, each for what that handler must do.
 */
function acknowledgeDeploymentHandler(stack: Stack, bucket: Bucket) {
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith("Custom::CDKBucketDeployment"),
  );
  if (!handler)
    throw new Error("BucketDeployment's handler was not found; its cdk-nag findings need a new home");
  const sync = "`aws s3 sync` with deletion of stale files needs CDK's broad read/write grant on";
  const findings: [string, string][] = [
    [
      "AwsSolutions-L1",
      "CDK pins this handler's Python runtime; it is not ours to choose, and it runs only during deployments.",
    ],
    [
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      "CDK gives its deployment handler the basic execution policy to write its own logs.",
    ],
    ...["s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*"].map(
      (action): [string, string] => [
        `AwsSolutions-IAM5[Action::${action}]`,
        `${sync} the CDK asset bucket (read) and the web bucket (read/write) only.`,
      ],
    ),
    [
      "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]",
      "The handler reads the zipped web build from CDK's bootstrap asset bucket; asset keys are content hashes.",
    ],
    [
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/*]`,
      `${sync} every object of the web bucket.`,
    ],
    [
      "AwsSolutions-IAM5[Resource::*]",
      "CDK grants CreateInvalidation/GetInvalidation on *; the handler invalidates this distribution after each deployment.",
    ],
  ];
  for (const [id, reason] of findings) Validations.of(handler).acknowledge({ id, reason });
}

function assertBuilt(distDir: string) {
  const missing = Object.values(PAGES).filter((page) => !existsSync(join(distDir, page)));
  if (missing.length > 0) {
    throw new Error(
      `The web app is not built: ${missing.map((page) => join(distDir, page)).join(", ")} missing. Run \`npm run build:web\` first (\`npm run synth\` does both).`,
    );
  }
}

/** CloudFront Functions run a restricted JavaScript; this stays within it. */
function pageRewriteCode() {
  const pages = Object.fromEntries(Object.entries(PAGES).map(([section, file]) => [section, `/${file}`]));
  return `var PAGES = ${JSON.stringify(pages)};
function handler(event) {
  var request = event.request;
  if (request.uri === "/") {
    return { statusCode: 302, statusDescription: "Found", headers: { location: { value: "/console" } } };
  }
  var last = request.uri.substring(request.uri.lastIndexOf("/") + 1);
  var page = PAGES[request.uri.split("/")[1]];
  if (page && last.indexOf(".") === -1) request.uri = page;
  return request;
}`;
}

/** Sets the address header on every API request, so a browser cannot choose its own. */
function viewerAddressCode() {
  return `function handler(event) {
  var request = event.request;
  request.headers[${JSON.stringify(VIEWER_ADDRESS_HEADER)}] = { value: event.viewer.ip };
  return request;
}`;
}
