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

defineStacks(app, {
  webDist: join(PROJECT_ROOT, "web/dist"),
  customDomain: customDomain(),
  alarmEmail: alarmEmail(),
});

// cdk-nag runs as a CDK policy validation: any unacknowledged error fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
