import { Stack, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LOG_RETENTION } from "./node-function.js";

/** Requests per second across the API; well above a contact center's traffic, well below a flood. */
const THROTTLE = { rateLimit: 200, burstLimit: 400 };

const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    time: "$context.requestTime",
    method: "$context.httpMethod",
    path: "$context.path",
    status: "$context.status",
    bytes: "$context.responseLength",
    latencyMs: "$context.responseLatency",
    integrationError: "$context.integrationErrorMessage",
  }),
);

/**
 * The HTTP API (API Gateway v2). It only forwards, each part of the API to its own Lambda: the
 * hono app there routes, validates and authorizes every request (staff ID tokens, customer
 * sessions, vendor keys, signed webhooks).
 */
export class PublicHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new HttpApi(this, "Api", { description: "Atiende HTTP API", createDefaultStage: false });
    const accessLogs = new LogGroup(this, "AccessLogs", { retention: LOG_RETENTION });
    this.stage = this.api.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
  }

  /** The API's own host name, for CloudFront to forward to. */
  get domainName() {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /**
   * Sends every method under each path prefix to its part of the API, and anything else
   * (`/health`, unknown paths) to `fallback`. A function serving several prefixes gets one
   * integration.
   */
  route(prefixes: Record<string, IFunction>, fallback: IFunction) {
    const integrations = new Map<IFunction, HttpLambdaIntegration>();
    const integrationOf = (handler: IFunction) => {
      const existing = integrations.get(handler);
      if (existing) return existing;
      const integration = new HttpLambdaIntegration(`Handler${integrations.size}`, handler);
      integrations.set(handler, integration);
      return integration;
    };
    const routes = [
      ...Object.entries(prefixes).map(
        ([prefix, handler]) =>
          new HttpRoute(this, `Route${prefix.replaceAll("/", "-")}`, {
            httpApi: this.api,
            routeKey: HttpRouteKey.with(`${prefix}/{proxy+}`, HttpMethod.ANY),
            integration: integrationOf(handler),
          }),
      ),
      new HttpRoute(this, "DefaultRoute", {
        httpApi: this.api,
        routeKey: HttpRouteKey.DEFAULT,
        integration: integrationOf(fallback),
      }),
    ];
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "Public endpoints (widget sign-in, webhooks, /health) sit beside protected ones; the hono app authorizes each route itself (functions/http/auth.ts).",
      });
    }
  }
}
