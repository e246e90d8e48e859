import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { StaffRole } from "../../shared/identity/index.js";
import { waitFor } from "./free-port.js";

const require = createRequire(import.meta.url);

/** cognito-local as a child process keeping its pools in `dir/.cognito`; `ready` once it answers. */
export function startCognito(dir: string, port: number, client: CognitoIdentityProviderClient) {
  mkdirSync(dir, { recursive: true });
  const entry = require.resolve("cognito-local/lib/bin/start.js");
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DEBUG: "" },
    stdio: "ignore",
  });
  const ready = waitFor("cognito-local", async () =>
    Boolean(await client.send(new ListUserPoolsCommand({ MaxResults: 1 }))),
  );
  return { child, ready };
}

export type UserPool = { userPoolId: string; clientId: string };

/**
 * The user pool as CDK declares it (e-mail usernames, the `tenant` custom attribute, one group
 * per staff role, a client for USER_PASSWORD_AUTH), created once and remembered in `dir`.
 */
export async function ensureUserPool(dir: string, client: CognitoIdentityProviderClient): Promise<UserPool> {
  const file = join(dir, "atiende-user-pool.json");
  if (existsSync(file)) {
    const pool = JSON.parse(readFileSync(file, "utf8")) as UserPool;
    const found = await client
      .send(new DescribeUserPoolCommand({ UserPoolId: pool.userPoolId }))
      .catch(() => null);
    if (found) {
      await ensureGroups(client, pool.userPoolId);
      return pool;
    }
  }
  const { UserPool: created } = await client.send(
    new CreateUserPoolCommand({
      PoolName: "atiende-staff",
      UsernameAttributes: ["email"],
      Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: false }],
    }),
  );
  const userPoolId = created!.Id!;
  const { UserPoolClient: appClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: "atiende-console",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  await ensureGroups(client, userPoolId);
  const pool = { userPoolId, clientId: appClient!.ClientId! };
  writeFileSync(file, JSON.stringify(pool, null, 2));
  return pool;
}

/**
 * One group per staff role; a pool kept from before a role existed gets it added. Only missing
 * groups are created: cognito-local's CreateGroup overwrites an existing group, members and all.
 */
async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string) {
  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const present = new Set(Groups.map((group) => group.GroupName));
  for (const group of StaffRole.options.filter((role) => !present.has(role))) {
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
}

export type StaffAccount = {
  email: string;
  name: string;
  role: StaffRole;
  tenantId: string;
  password: string;
};

/** Creates a staff user with a permanent password (no invitation e-mail); returns its `sub`. */
export async function ensureStaffUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  account: StaffAccount,
) {
  const existing = await client
    .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: account.email }))
    .catch(() => null);
  if (!existing) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: account.email,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: account.email },
          { Name: "email_verified", Value: "true" },
          { Name: "name", Value: account.name },
          { Name: "custom:tenant", Value: account.tenantId },
        ],
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: account.email,
        Password: account.password,
        Permanent: true,
      }),
    );
    await client.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId,
        Username: account.email,
        GroupName: account.role,
      }),
    );
  }
  const user =
    existing ??
    (await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: account.email })));
  const sub = user.UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
  if (!sub) throw new Error(`cognito-local returned no sub for ${account.email}`);
  return sub;
}
