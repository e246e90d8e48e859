import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { EventBus, type IEventBus, Schedule } from "aws-cdk-lib/aws-events";
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from "aws-cdk-lib/aws-logs";
import { LambdaDestination } from "aws-cdk-lib/aws-logs-destinations";
import type { Construct } from "constructs";
import { RULES } from "../../../events/rules.js";
import { AccessLogsBucket } from "../constructs/access-logs-bucket.js";
import { AlarmTopic } from "../constructs/alarm-topic.js";
import { BusConsumer, type ConsumerNeeds } from "../constructs/bus-consumer.js";
import { DeadLetterQueue } from "../constructs/dead-letter-queue.js";
import { FilesBucket } from "../constructs/files-bucket.js";
import { PublicHttpApi } from "../constructs/http-api.js";
import { MailReceiving } from "../constructs/mail-receiving.js";
import {
  type ConfigSecrets,
  type FunctionEnvironment,
  NodeFunction,
  type NodeFunctionProps,
} from "../constructs/node-function.js";
import { RealtimeApi } from "../constructs/realtime-api.js";
import { ScheduledFunction } from "../constructs/scheduled-function.js";
import type { StaffUserPool } from "../constructs/staff-user-pool.js";
import { type CustomDomain, WebSite } from "../constructs/web-site.js";

/** Lambda entry points, relative to the project root; bus consumers come from events/rules.ts. */
export const ENTRIES = {
  /** The HTTP API in five parts, each its own Lambda (functions/http/apis/). */
  httpCustomer: "functions/http/handlers/customer.ts",
  httpStaff: "functions/http/handlers/staff.ts",
  httpScripts: "functions/http/handlers/scripts.ts",
  httpAdmin: "functions/http/handlers/admin.ts",
  httpWebhooks: "functions/http/handlers/webhooks.ts",
  wsAuthorize: "functions/ws/authorize.ts",
  wsConnect: "functions/ws/connect.ts",
  wsDisconnect: "functions/ws/disconnect.ts",
  wsMessage: "functions/ws/default.ts",
  drainOutbox: "functions/schedule/drain-outbox.ts",
  recordIvrTurns: "functions/events/record-ivr-turns.ts",
  /** Deployed only with a mail domain. */
  receiveSesEmail: "functions/email/receive-ses-email.ts",
} as const;

/**
 * Sending to a channel takes at most this long: under the minute an attempt leases its outbox
 * entry for (shared/channels/deliver-outgoing.ts), so a send cut off by the timeout is never
 * still running when the drainer picks the entry up again.
 */
const SEND_TIMEOUT = Duration.seconds(45);

/** A channel's media (up to 100 MB) is downloaded and stored before its message is appended. */
const MEDIA_TIMEOUT = Duration.minutes(2);

/** SES stores mails of up to 40 MB; parsing one and storing its attachments takes memory and time. */
const MAIL_TIMEOUT = Duration.minutes(1);
const MAIL_MEMORY_MB = 1024;

export type ServiceStackProps = StackProps & {
  table: ITable;
  bus: IEventBus;
  secrets: ConfigSecrets;
  staff: StaffUserPool;
  /** The built web app, `web/dist`. */
  webDist: string;
  customDomain?: CustomDomain;
  /** Who gets alarm e-mails (`-c atiende:alarmEmail=ops@example.com`). */
  alarmEmail?: string;
  /** The support domain SES receives mail for (`-c atiende:mailDomain=example.com`). */
  mailDomain?: string;
  /** The SES configuration set mail goes out through (`-c atiende:sesConfigurationSet=name`). */
  sesConfigurationSet?: string;
};

/**
 * Everything that serves requests: files, the HTTP and WebSocket APIs with their Lambdas, the
 * bus consumers, the outbox drainer, mail receiving, and CloudFront in front. One stack because
 * the parts point at each other: every function is told the site's URL, and the site forwards
 * to the HTTP API.
 */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { table, bus, secrets } = props;
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
      TABLE_NAME: table.tableName,
      BUCKET_NAME: files.bucketName,
      EVENT_BUS_NAME: bus.eventBusName,
      USER_POOL_ID: props.staff.pool.userPoolId,
      USER_POOL_CLIENT_ID: props.staff.consoleClient.userPoolClientId,
      SESSION_SECRET_ARN: secrets.session.secretArn,
      CHANNEL_SECRETS_ARN: secrets.channels.secretArn,
      WS_ENDPOINT: realtime.stage.callbackUrl,
      WEB_ORIGIN: web.url,
      ...(props.sesConfigurationSet && { SES_CONFIGURATION_SET: props.sesConfigurationSet }),
    };
    const fn = (
      id: string,
      name: string,
      entry: string,
      description: string,
      options: Pick<NodeFunctionProps, "timeout" | "memorySize" | "deadLetterQueue"> = {},
    ) =>
      new NodeFunction(this, id, { name, entry, description, environment, ...options }).bindConfigSecrets(
        secrets,
      );

    // Inline event consumers (pushes to sockets) run inside whatever function emits the events.
    const httpPart = (id: string, name: string, entry: string, description: string) =>
      fn(id, name, entry, description)
        .bindTable(table, "readWrite")
        .bindFiles(files)
        .bindBus(bus)
        .bindConnections(realtime.stage);
    const customerApi = httpPart(
      "HttpCustomer",
      "http-customer",
      ENTRIES.httpCustomer,
      "HTTP API: customers",
    );
    const staffApi = httpPart(
      "HttpStaff",
      "http-staff",
      ENTRIES.httpStaff,
      "HTTP API: console and back office",
    );
    const scriptsApi = httpPart(
      "HttpScripts",
      "http-scripts",
      ENTRIES.httpScripts,
      "HTTP API: guided scripts and their reports",
    );
    http.route(
      {
        "/api/customer": customerApi,
        "/api/auth": staffApi,
        "/api/agent": staffApi,
        "/api/care": staffApi,
        // More specific than /api/agent: API Gateway sends them to the guided scripts' own Lambda.
        "/api/agent/guided": scriptsApi,
        "/api/agent/reports": scriptsApi,
        "/api/admin": httpPart("HttpAdmin", "http-admin", ENTRIES.httpAdmin, "HTTP API: administration"),
        "/webhooks": httpPart(
          "HttpWebhooks",
          "http-webhooks",
          ENTRIES.httpWebhooks,
          "HTTP API: channel webhooks",
        ),
      },
      customerApi,
    );

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
      connect: wsConnect.bindTable(table, "write"),
      disconnect: wsDisconnect.bindTable(table, "write"),
      message: wsMessage.bindTable(table, "read").bindConnections(realtime.stage),
    });

    /** Hands messages to WhatsApp, Messenger (their Graph API needs no grant) and SES. */
    const sendsToChannels = (handler: NodeFunction) =>
      handler
        .bindFiles(files, "read")
        .bindBus(bus)
        .bindConnections(realtime.stage)
        .bindMailSending(props.sesConfigurationSet);

    // What each bus consumer needs beyond the table and the configuration. Every consumer that
    // appends or changes messages publishes events, and pushes them inline to the sockets.
    const consumers: Record<string, ConsumerNeeds> = {
      "store-channel-messages": {
        timeout: MEDIA_TIMEOUT,
        bind: (handler) => handler.bindFiles(files, "write").bindBus(bus).bindConnections(realtime.stage),
      },
      "deliver-outgoing-messages": { timeout: SEND_TIMEOUT, bind: sendsToChannels },
      "record-conversation-metrics": {},
      // Call records are pushed to the consoles' sockets as they are written.
      "record-calls": { bind: (handler) => handler.bindBus(bus).bindConnections(realtime.stage) },
      // The chatbot's replies and the chat records are pushed to the sockets as they are written.
      "run-chatbot": { bind: (handler) => handler.bindBus(bus).bindConnections(realtime.stage) },
      "record-chats": { bind: (handler) => handler.bindBus(bus).bindConnections(realtime.stage) },
      // A rating request and an automatic reply are messages of the case: told to the sockets, sent by the outbox.
      "request-ratings": { bind: (handler) => handler.bindBus(bus).bindConnections(realtime.stage) },
      "send-auto-replies": { bind: (handler) => handler.bindBus(bus).bindConnections(realtime.stage) },
    };
    for (const rule of RULES.filter((rule) => rule.delivery === "bus")) {
      const needs = consumers[rule.name];
      if (!needs) throw new Error(`Say what the ${rule.name} consumer needs in service-stack.ts`);
      // Other services' events (Amazon Connect's) arrive on the account's default bus, not ours.
      const ruleBus = rule.external
        ? EventBus.fromEventBusName(this, `${rule.name}-bus`, rule.external.bus)
        : bus;
      new BusConsumer(this, rule.name, { rule, bus: ruleBus, environment, table, secrets, alarms, ...needs });
    }

    const drainer = new ScheduledFunction(this, "DrainOutbox", {
      name: "drain-outbox",
      entry: ENTRIES.drainOutbox,
      description: "Retries outgoing channel messages whose next attempt is due",
      environment,
      timeout: SEND_TIMEOUT,
      schedule: Schedule.rate(Duration.minutes(1)),
      alarms,
    });
    drainer.handler.bindTable(table, "readWrite").bindConfigSecrets(secrets);
    sendsToChannels(drainer.handler);

    // The IVR bot's turns: each bot alias's text conversation logs (Lex V2) go to this log group,
    // whose subscription hands them to the consumer. Lex writes with the bot's own role, which
    // needs logs:CreateLogStream and logs:PutLogEvents on it; bots are created per tenant, outside this app.
    const lexLogs = new LogGroup(this, "LexConversationLogs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const ivrTurns = fn(
      "RecordIvrTurns",
      "record-ivr-turns",
      ENTRIES.recordIvrTurns,
      "Adds the IVR bot's turns (Lex conversation logs) to their calls' records",
      {
        deadLetterQueue: new DeadLetterQueue(this, "RecordIvrTurnsDeadLetters", {
          alarms,
          alarmDescription: "IVR bot turns the call recorder could not take are waiting in its DLQ",
        }),
      },
    )
      .bindTable(table, "readWrite")
      .bindBus(bus)
      .bindConnections(realtime.stage);
    ivrTurns.configureAsyncInvoke({ retryAttempts: 2 });
    new SubscriptionFilter(this, "LexConversationLogsToCalls", {
      logGroup: lexLogs,
      destination: new LambdaDestination(ivrTurns),
      filterPattern: FilterPattern.allEvents(),
    });
    new CfnOutput(this, "LexConversationLogGroup", {
      value: lexLogs.logGroupName,
      description: "Where each IVR bot alias writes its text conversation logs",
    });

    if (props.mailDomain) {
      // Lambda retries a failed mail twice; then it waits in the DLQ, and its raw copy in the bucket.
      const receiver = fn(
        "ReceiveSesEmail",
        "receive-ses-email",
        ENTRIES.receiveSesEmail,
        `Receives the mail SES stored for ${props.mailDomain}`,
        {
          timeout: MAIL_TIMEOUT,
          memorySize: MAIL_MEMORY_MB,
          deadLetterQueue: new DeadLetterQueue(this, "ReceiveSesEmailDeadLetters", {
            alarms,
            alarmDescription: `Mails for ${props.mailDomain} the receiver could not take are waiting in its DLQ`,
          }),
        },
      )
        .bindTable(table, "readWrite")
        .bindFiles(files)
        .bindBus(bus);
      receiver.configureAsyncInvoke({ retryAttempts: 2 });
      const mail = new MailReceiving(this, "MailReceiving", {
        domain: props.mailDomain,
        bucket: files,
        receiver,
      });
      new CfnOutput(this, "MailReceiptRuleSet", { value: mail.ruleSet.receiptRuleSetName });
      new CfnOutput(this, "MailMxRecord", { value: `10 inbound-smtp.${this.region}.amazonaws.com` });
    }

    new CfnOutput(this, "WebUrl", { value: web.url });
    new CfnOutput(this, "HttpApiUrl", { value: http.stage.url });
    new CfnOutput(this, "WebSocketUrl", { value: realtime.stage.url });
  }
}
