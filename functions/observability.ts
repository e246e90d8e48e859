import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";

const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

// Outside Lambda nothing ships stdout to CloudWatch, so embedded metrics would only bury the
// logs; POWERTOOLS_METRICS_DISABLED=false shows them locally.
if (!inLambda) process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

/**
 * One structured JSON logger and one metrics emitter (CloudWatch embedded metric format on
 * stdout) for the whole process, Lambda or local. Powertools reads its settings from the
 * environment; these are the defaults for local runs.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "atiende" });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? "Atiende",
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "atiende",
});
