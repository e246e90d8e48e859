import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { z } from "zod";

/**
 * Where the code runs, read once from the environment (Lambda) or built by the local cloud.
 * `endpoints` is set only locally, where every AWS service is an emulator on loopback.
 */
export type Config = {
  region: string;
  tableName: string;
  bucketName: string;
  eventBusName?: string;
  userPoolId: string;
  userPoolClientId: string;
  staffToken: { issuer: string; jwksUri: string; clientId: string };
  sessionSecret: Uint8Array;
  /** HTTPS management endpoint of the WebSocket API stage. */
  wsManagementEndpoint: string;
  /** Where the browser may load files from (presigned S3 URLs), for the CSP. */
  filesOrigin: string;
  endpoints?: { dynamodb: string; s3: string; cognito: string };
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

const LambdaEnv = z.object({
  AWS_REGION: z.string(),
  TABLE_NAME: z.string(),
  BUCKET_NAME: z.string(),
  EVENT_BUS_NAME: z.string(),
  USER_POOL_ID: z.string(),
  USER_POOL_CLIENT_ID: z.string(),
  SESSION_SECRET_ARN: z.string(),
  WS_ENDPOINT: z.string().url(),
});

/** The configuration of a deployed Lambda; the session secret comes from Secrets Manager. */
export async function configFromLambdaEnv(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const vars = LambdaEnv.parse(env);
  const issuer = `https://cognito-idp.${vars.AWS_REGION}.amazonaws.com/${vars.USER_POOL_ID}`;
  const secret = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: vars.SESSION_SECRET_ARN }),
  );
  if (!secret.SecretString) throw new Error("The session secret is empty");
  return {
    region: vars.AWS_REGION,
    tableName: vars.TABLE_NAME,
    bucketName: vars.BUCKET_NAME,
    eventBusName: vars.EVENT_BUS_NAME,
    userPoolId: vars.USER_POOL_ID,
    userPoolClientId: vars.USER_POOL_CLIENT_ID,
    staffToken: { issuer, jwksUri: `${issuer}/.well-known/jwks.json`, clientId: vars.USER_POOL_CLIENT_ID },
    sessionSecret: new TextEncoder().encode(secret.SecretString),
    wsManagementEndpoint: vars.WS_ENDPOINT,
    filesOrigin: `https://${vars.BUCKET_NAME}.s3.${vars.AWS_REGION}.amazonaws.com`,
  };
}
