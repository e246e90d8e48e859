/** True when a DynamoDB write was refused by its condition (ElectroDB wraps the SDK's error). */
export function isConditionFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === "ConditionalCheckFailedException") return true;
  }
  return false;
}

/** The write's result, or undefined when its condition did not hold (someone got there first). */
export async function unlessConditionFails<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
