import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { defineStacks } from "./atiende.js";
import type { CustomDomain } from "./constructs/web-site.js";
import { PROJECT_ROOT } from "./paths.js";

const app = new App();

/** Both or neither: `cdk synth -c atiende:domainName=chat.example.com -c atiende:certificateArn=arn:...` */
function customDomain(): CustomDomain | undefined {
  const domainName: unknown = app.node.tryGetContext("atiende:domainName");
  const certificateArn: unknown = app.node.tryGetContext("atiende:certificateArn");
  if (domainName === undefined && certificateArn === undefined) return undefined;
  if (typeof domainName !== "string" || typeof certificateArn !== "string") {
    throw new Error(
      "Set both atiende:domainName and atiende:certificateArn (an ACM certificate in us-east-1), or neither.",
    );
  }
  return { domainName, certificateArn };
}

/** `cdk synth -c atiende:alarmEmail=ops@example.com`: who is told when an alarm fires. */
function alarmEmail(): string | undefined {
  const email: unknown = app.node.tryGetContext("atiende:alarmEmail");
  if (email === undefined) return undefined;
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new Error("atiende:alarmEmail must be one e-mail address.");
  }
  return email;
}

/** `cdk synth -c atiende:mailDomain=example.com`: the support domain whose mail SES receives. */
function mailDomain(): string | undefined {
  const domain: unknown = app.node.tryGetContext("atiende:mailDomain");
  if (domain === undefined) return undefined;
  if (
    typeof domain !== "string" ||
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain)
  ) {
    throw new Error("atiende:mailDomain must be one domain name, e.g. soporte.example.com.");
  }
  return domain.toLowerCase();
}

/** `cdk synth -c atiende:sesConfigurationSet=atiende`: an SES configuration set that already exists. */
function sesConfigurationSet(): string | undefined {
  const name: unknown = app.node.tryGetContext("atiende:sesConfigurationSet");
  if (name === undefined) return undefined;
  if (typeof name !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new Error(
      "atiende:sesConfigurationSet must be an SES configuration set name (letters, digits, _ and -).",
    );
  }
  return name;
}

defineStacks(app, {
  webDist: join(PROJECT_ROOT, "web/dist"),
  customDomain: customDomain(),
  alarmEmail: alarmEmail(),
  mailDomain: mailDomain(),
  sesConfigurationSet: sesConfigurationSet(),
});

// cdk-nag runs as a CDK policy validation: any unacknowledged error fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
