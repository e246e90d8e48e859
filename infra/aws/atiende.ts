import type { App } from "aws-cdk-lib";
import type { CustomDomain } from "./constructs/web-site.js";
import { AuthStack } from "./stacks/auth-stack.js";
import { DataStack } from "./stacks/data-stack.js";
import { ServiceStack } from "./stacks/service-stack.js";

export type AtiendeOptions = {
  /** The built web app, `web/dist`. */
  webDist: string;
  customDomain?: CustomDomain;
  alarmEmail?: string;
  /** The support domain SES receives mail for; without one, no mail is received in AWS. */
  mailDomain?: string;
  /** The SES configuration set outgoing mail goes through. */
  sesConfigurationSet?: string;
};

/** Atiende's stacks, for `cdk synth` (app.ts) and for the assertion tests. */
export function defineStacks(app: App, options: AtiendeOptions) {
  const data = new DataStack(app, "AtiendeData", {
    description: "Atiende: table, event bus, session signing key, channel secrets",
  });
  const auth = new AuthStack(app, "AtiendeAuth", { description: "Atiende: staff user pool" });
  const service = new ServiceStack(app, "AtiendeService", {
    description: "Atiende: APIs, functions, event consumers, web distribution",
    table: data.table,
    bus: data.bus,
    secrets: { session: data.sessionSecret, channels: data.channelSecrets },
    staff: auth.staff,
    webDist: options.webDist,
    customDomain: options.customDomain,
    alarmEmail: options.alarmEmail,
    mailDomain: options.mailDomain,
    sesConfigurationSet: options.sesConfigurationSet,
  });
  return { data, auth, service };
}
