import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startCognito } from "./cognito.js";
import { startDynamoDb } from "./dynamodb.js";
import { freePort } from "./free-port.js";
import { S3RVER_CREDENTIALS } from "./s3.js";

export const LOCAL_REGION = "us-east-1";
export const LOCAL_CREDENTIALS = S3RVER_CREDENTIALS;

/** Asks a child to stop, and kills it if it has not within a few seconds. */
function exited(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export type EmulatorPorts = { dynamodb: number; s3: number; cognito: number; wsManagement: number };

function isFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * Free loopback ports for the emulators, preferring the ones this data folder used last time:
 * cognito-local signs tokens with its address as issuer, so keeping it keeps agents signed in
 * across restarts.
 */
export async function choosePorts(dataDir: string): Promise<EmulatorPorts> {
  const file = join(dataDir, "ports.json");
  const previous: Partial<EmulatorPorts> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const chosen = {} as EmulatorPorts;
  for (const name of ["dynamodb", "s3", "cognito", "wsManagement"] as const) {
    const wanted = previous[name];
    chosen[name] =
      wanted && !Object.values(chosen).includes(wanted) && (await isFree(wanted)) ? wanted : await freePort();
  }
  writeFileSync(file, JSON.stringify(chosen, null, 2));
  return chosen;
}

/** The two emulators that run as child processes (Java's DynamoDB Local and cognito-local). */
export async function startChildEmulators(dataDir: string, ports: EmulatorPorts) {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient({ ...common, endpoint: `http://127.0.0.1:${ports.dynamodb}` });
  const cognito = new CognitoIdentityProviderClient({
    ...common,
    endpoint: `http://127.0.0.1:${ports.cognito}`,
  });
  const started = [
    startDynamoDb(join(dataDir, "dynamodb"), ports.dynamodb, dynamo),
    startCognito(join(dataDir, "cognito"), ports.cognito, cognito),
  ];
  const children: ChildProcess[] = started.map(({ child }) => child);
  const kill = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  // A parent that dies must not leave Java holding the data folder.
  process.once("exit", kill);
  /** Resolves once both have exited, so the folder and the ports are free again. */
  const stop = async () => {
    process.off("exit", kill);
    await Promise.all(children.map((child) => exited(child)));
  };
  try {
    await Promise.all(started.map(({ ready }) => ready));
  } catch (error) {
    await stop();
    throw error;
  }
  return { dynamo, cognito, children, stop };
}
