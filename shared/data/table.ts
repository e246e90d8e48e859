/**
 * The one DynamoDB table's key schema. CDK, the local cloud and the ElectroDB entities
 * all read it from here, so the three can never disagree.
 */
export const TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  timeToLive: "expiresAt",
  indexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    { name: "gsi4", partitionKey: "gsi4pk", sortKey: "gsi4sk" },
  ],
} as const;
