import { gunzipSync } from "node:zlib";
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from "aws-lambda";
import { recordLexTurn } from "../../shared/calls/record-call.js";
import type { Ports } from "../../shared/ports.js";
import { logger } from "../observability.js";

/**
 * A batch of the IVR bot's conversation-log entries, as a CloudWatch Logs subscription hands them
 * over (gzip, base64): each turn joins its call's record as a step. An entry that cannot (not
 * JSON, a bot no tenant registered) is logged and skipped, so one never holds back the rest.
 */
export async function consume(ports: Ports, event: CloudWatchLogsEvent) {
  const batch = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, "base64")).toString("utf8"),
  ) as CloudWatchLogsDecodedData;
  // CloudWatch Logs checks a new subscription's destination with a CONTROL_MESSAGE.
  if (batch.messageType !== "DATA_MESSAGE") return;
  for (const entry of batch.logEvents) {
    let turn: unknown;
    try {
      turn = JSON.parse(entry.message);
    } catch {
      logger.error("A Lex conversation-log entry that is not JSON", {
        logGroup: batch.logGroup,
        id: entry.id,
      });
      continue;
    }
    const result = await recordLexTurn(ports, turn);
    if (result.outcome === "invalid")
      logger.error("Unreadable Lex conversation-log entry", { id: entry.id, ...result });
    if (result.outcome === "unrouted") logger.warn("Conversation log of a Lex bot no tenant owns", result);
  }
}
