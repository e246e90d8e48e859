import { describe, expect, it } from "vitest";
import { isTransientFailure } from "../../../functions/http/transient-failure.js";

const wrapped = (cause: object) => Object.assign(new Error("Error thrown by DynamoDB client"), { cause });

describe("a failure worth trying again", () => {
  it("is a service out of reach or overloaded, however deep the SDK's error is wrapped", () => {
    expect(isTransientFailure(wrapped({ name: "Error", code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientFailure(wrapped({ name: "ProvisionedThroughputExceededException" }))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error("throttled"), { name: "ThrottlingException" }))).toBe(
      true,
    );
  });

  it("is not a refused condition, a validation error or a bug", () => {
    expect(isTransientFailure(wrapped({ name: "ConditionalCheckFailedException" }))).toBe(false);
    expect(isTransientFailure(wrapped({ name: "ValidationException" }))).toBe(false);
    expect(isTransientFailure(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientFailure(undefined)).toBe(false);
  });
});
