import { RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat, CfnAccount } from "aws-cdk-lib/aws-apigateway";
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from "aws-cdk-lib/aws-apigatewayv2";
import { WebSocketLambdaAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { WebSocketLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { ManagedPolicy, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LOG_RETENTION } from "./node-function.js";

export const STAGE_NAME = "live";

/** Messages per second across all connections; pushes from the backend do not count. */
const THROTTLE = { rateLimit: 100, burstLimit: 200 };

const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    time: "$context.requestTime",
    eventType: "$context.eventType",
    routeKey: "$context.routeKey",
    connectionId: "$context.connectionId",
    status: "$context.status",
    authorizerError: "$context.authorizer.error",
    integrationError: "$context.integrationErrorMessage",
  }),
);

export type SocketHandlers = {
  /** REQUEST authorizer of `$connect`; reads the token from the query string. */
  authorize: IFunction;
  connect: IFunction;
  disconnect: IFunction;
  /** Every client action (`$request.body.action`) lands here. */
  message: IFunction;
};

/**
 * The WebSocket API agents and customers stay connected to. Built before its handlers, which
 * need the stage's management endpoint to push; `routeTo` wires them once they exist.
 */
export class RealtimeApi extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new WebSocketApi(this, "Api", {
      description: "Atiende realtime: conversation and message pushes",
      routeSelectionExpression: "$request.body.action",
    });
    const accessLogs = new LogGroup(this, "AccessLogs", { retention: LOG_RETENTION });
    this.stage = new WebSocketStage(this, "Stage", {
      webSocketApi: this.api,
      stageName: STAGE_NAME,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    this.stage.node.addDependency(this.allowApiGatewayToLog());
  }

  /**
   * Unlike HTTP APIs, WebSocket stages write access logs through the region's account-wide
   * API Gateway CloudWatch role; without it the stage fails to deploy in a fresh account.
   * Retained: other APIs in the account may come to rely on the same setting.
   */
  private allowApiGatewayToLog() {
    const role = new Role(this, "ApiGatewayLogsRole", {
      assumedBy: new ServicePrincipal("apigateway.amazonaws.com"),
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonAPIGatewayPushToCloudWatchLogs"),
      ],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(role).acknowledge({
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
      reason:
        "AWS's own policy for API Gateway's account logging role; it serves every API's log groups in the region, which no narrower policy can name in advance.",
    });
    const account = new CfnAccount(this, "ApiGatewayAccount", { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return account;
  }

  routeTo(handlers: SocketHandlers) {
    this.api.addRoute("$connect", {
      integration: new WebSocketLambdaIntegration("Connect", handlers.connect),
      authorizer: new WebSocketLambdaAuthorizer("Authorizer", handlers.authorize, {
        // Browsers cannot set headers on a WebSocket handshake, so the token travels in the URL.
        identitySource: ["route.request.querystring.token"],
      }),
    });
    const disconnect = this.api.addRoute("$disconnect", {
      integration: new WebSocketLambdaIntegration("Disconnect", handlers.disconnect),
    });
    const message = this.api.addRoute("$default", {
      integration: new WebSocketLambdaIntegration("Message", handlers.message),
    });
    for (const route of [disconnect, message]) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "API Gateway runs WebSocket authorizers on $connect only; this route belongs to an already authorized connection, and its handler checks the caller again.",
      });
    }
  }
}
