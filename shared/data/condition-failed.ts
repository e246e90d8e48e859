/** True when a DynamoDB write was refused by its condition (ElectroDB wraps the SDK's error). */
export function isConditionFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === "ConditionalCheckFailedException") return true;
  }
  return false;
}
