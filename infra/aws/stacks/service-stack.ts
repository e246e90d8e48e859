import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IEventBus } from "aws-cdk-lib/aws-events";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { RULES } from "../../../events/rules.js";
import { AccessLogsBucket } from "../constructs/access-logs-bucket.js";
import { AlarmTopic } from "../constructs/alarm-topic.js";
import { BusConsumer } from "../constructs/bus-consumer.js";
import { FilesBucket } from "../constructs/files-bucket.js";
import { PublicHttpApi } from "../constructs/http-api.js";
import { type FunctionEnvironment, NodeFunction } from "../constructs/node-function.js";
import { RealtimeApi } from "../constructs/realtime-api.js";
import type { StaffUserPool } from "../constructs/staff-user-pool.js";
import { type CustomDomain, WebSite } from "../constructs/web-site.js";

/** Lambda entry points, relative to the project root; bus consumers come from events/rules.ts. */
export const ENTRIES = {
  http: "functions/http/handler.ts",
  wsAuthorize: "functions/ws/authorize.ts",
  wsConnect: "functions/ws/connect.ts",
  wsDisconnect: "functions/ws/disconnect.ts",
  wsMessage: "functions/ws/default.ts",
} as const;

export type ServiceStackProps = StackProps & {
  table: ITable;
  bus: IEventBus;
  sessionSecret: ISecret;
  staff: StaffUserPool;
  /** The built web app, `web/dist`. */
  webDist: string;
  customDomain?: CustomDomain;
  /** Who gets alarm e-mails (`-c atiende:alarmEmail=ops@example.com`). */
  alarmEmail?: string;
};

/**
 * Everything that serves requests: files, the HTTP and WebSocket APIs with their Lambdas, the
 * bus consumers, and CloudFront in front. One stack because the parts point at each other:
 * every function is told the site's URL, and the site forwards to the HTTP API.
 */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const alarms = new AlarmTopic(this, "Alarms", { email: props.alarmEmail });
    const accessLogs = new AccessLogsBucket(this, "AccessLogs");
    const files = new FilesBucket(this, "Files", { accessLogs });
    const http = new PublicHttpApi(this, "Http");
    const realtime = new RealtimeApi(this, "Realtime");
    const web = new WebSite(this, "Web", {
      distDir: props.webDist,
      httpApiDomain: http.domainName,
      realtimeOrigin: realtime.api.apiEndpoint,
      filesOrigin: files.browserOrigin,
      accessLogs,
      customDomain: props.customDomain,
    });
    files.allowBrowserAccessFrom(web.url);

    const environment: FunctionEnvironment = {
      TABLE_NAME: props.table.tableName,
      BUCKET_NAME: files.bucketName,
      EVENT_BUS_NAME: props.bus.eventBusName,
      USER_POOL_ID: props.staff.pool.userPoolId,
      USER_POOL_CLIENT_ID: props.staff.consoleClient.userPoolClientId,
      SESSION_SECRET_ARN: props.sessionSecret.secretArn,
      WS_ENDPOINT: realtime.stage.callbackUrl,
      WEB_ORIGIN: web.url,
    };
    const fn = (id: string, name: string, entry: string, description: string) =>
      new NodeFunction(this, id, { name, entry, description, environment }).bindSecret(props.sessionSecret);

    // Inline event consumers (pushes to sockets) run inside whatever function emits the events.
    const httpHandler = fn("HttpHandler", "http", ENTRIES.http, "The HTTP API (hono)")
      .bindTable(props.table, "readWrite")
      .bindFiles(files)
      .bindBus(props.bus)
      .bindConnections(realtime.stage);
    http.routeAllTo(httpHandler);

    const wsAuthorize = fn(
      "WsAuthorize",
      "ws-authorize",
      ENTRIES.wsAuthorize,
      "WebSocket $connect authorizer",
    );
    const wsConnect = fn("WsConnect", "ws-connect", ENTRIES.wsConnect, "WebSocket $connect");
    const wsDisconnect = fn("WsDisconnect", "ws-disconnect", ENTRIES.wsDisconnect, "WebSocket $disconnect");
    const wsMessage = fn("WsMessage", "ws-message", ENTRIES.wsMessage, "WebSocket client actions");
    realtime.routeTo({
      authorize: wsAuthorize,
      connect: wsConnect.bindTable(props.table, "write"),
      disconnect: wsDisconnect.bindTable(props.table, "write"),
      message: wsMessage.bindTable(props.table, "read").bindConnections(realtime.stage),
    });

    for (const rule of RULES.filter((rule) => rule.delivery === "bus")) {
      new BusConsumer(this, rule.name, {
        rule,
        bus: props.bus,
        environment,
        table: props.table,
        sessionSecret: props.sessionSecret,
        alarms,
      });
    }

    new CfnOutput(this, "WebUrl", { value: web.url });
    new CfnOutput(this, "HttpApiUrl", { value: http.stage.url });
    new CfnOutput(this, "WebSocketUrl", { value: realtime.stage.url });
  }
}
