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
  channels: ChannelsConfig;
};

export type MetaAppConfig = {
  /** `https://graph.facebook.com/v21.0`; locally the simulator's stand-in. */
  graphUrl: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
};

export type ChannelsConfig = {
  whatsapp: MetaAppConfig;
  messenger: MetaAppConfig;
  mail: { via: "smtp"; host: string; port: number } | { via: "ses"; configurationSetName?: string };
  /** Origins besides the Graph API's that media may come from as configured (the local simulators). */
  trustedMediaOrigins?: string[];
};

/** What the channels need from the environment; the secrets never live in code. */
const ChannelSecrets = z.object({
  WHATSAPP_APP_SECRET: z.string().min(1),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1),
  MESSENGER_APP_SECRET: z.string().min(1),
  MESSENGER_VERIFY_TOKEN: z.string().min(1),
  MESSENGER_ACCESS_TOKEN: z.string().min(1),
});

const GRAPH_URL = "https://graph.facebook.com/v21.0";

/** The channels' settings from `env` (and, in AWS, the secrets' JSON), with the Graph API's real address by default. */
export function channelsFromEnv(
  env: NodeJS.ProcessEnv,
  secrets: Record<string, unknown>,
  mail: ChannelsConfig["mail"],
): ChannelsConfig {
  const s = ChannelSecrets.parse({ ...secrets, ...env });
  return {
    whatsapp: {
      graphUrl: env.WHATSAPP_GRAPH_URL ?? GRAPH_URL,
      accessToken: s.WHATSAPP_ACCESS_TOKEN,
      appSecret: s.WHATSAPP_APP_SECRET,
      verifyToken: s.WHATSAPP_VERIFY_TOKEN,
    },
    messenger: {
      graphUrl: env.MESSENGER_GRAPH_URL ?? GRAPH_URL,
      accessToken: s.MESSENGER_ACCESS_TOKEN,
      appSecret: s.MESSENGER_APP_SECRET,
      verifyToken: s.MESSENGER_VERIFY_TOKEN,
    },
    mail,
  };
}

const LambdaEnv = z.object({
  AWS_REGION: z.string(),
  TABLE_NAME: z.string(),
  BUCKET_NAME: z.string(),
  EVENT_BUS_NAME: z.string(),
  USER_POOL_ID: z.string(),
  USER_POOL_CLIENT_ID: z.string(),
  SESSION_SECRET_ARN: z.string(),
  CHANNEL_SECRETS_ARN: z.string(),
  WS_ENDPOINT: z.string().url(),
  SES_CONFIGURATION_SET: z.string().optional(),
});

/** The configuration of a deployed Lambda; the session secret comes from Secrets Manager. */
export async function configFromLambdaEnv(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const vars = LambdaEnv.parse(env);
  const issuer = `https://cognito-idp.${vars.AWS_REGION}.amazonaws.com/${vars.USER_POOL_ID}`;
  const secrets = new SecretsManagerClient({});
  const [secret, channelSecrets] = await Promise.all([
    secrets.send(new GetSecretValueCommand({ SecretId: vars.SESSION_SECRET_ARN })),
    secrets.send(new GetSecretValueCommand({ SecretId: vars.CHANNEL_SECRETS_ARN })),
  ]);
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
    channels: channelsFromEnv(env, JSON.parse(channelSecrets.SecretString ?? "{}"), {
      via: "ses",
      ...(vars.SES_CONFIGURATION_SET && { configurationSetName: vars.SES_CONFIGURATION_SET }),
    }),
  };
}
