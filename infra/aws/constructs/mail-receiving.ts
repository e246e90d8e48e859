import { Duration, Stack } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { type IReceiptRuleAction, ReceiptRuleSet, TlsPolicy } from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import { INBOUND_MAIL_PREFIX } from "../../../functions/email/receive-ses-email.js";

/**
 * The receiver copies each mail under its tenant at once; what stays under the prefix is for
 * replaying a mail that failed (its DLQ holds two weeks), and mail for addresses nobody has.
 */
const INBOUND_MAIL_DAYS = 30;

const RULE_NAME = "support-domain";

export type MailReceivingProps = {
  /** The support domain: SES takes mail for every address at it (its MX record points at SES). */
  domain: string;
  /** Where SES stores each mail, under INBOUND_MAIL_PREFIX. */
  bucket: Bucket;
  /** Invoked after the mail is stored: functions/email/receive-ses-email.ts. */
  receiver: IFunction;
};

/**
 * SES receiving for the support domain: one receipt rule whose first action stores the raw mail
 * in the files bucket and whose second hands its message id to the receiver Lambda, which reads
 * it from there: SES hands a Lambda the mail's headers, never its body.
 *
 * SES may write and invoke only for this rule of this account (aws:SourceAccount, aws:SourceArn).
 * The names are fixed so that both conditions can name the rule without referring to it: the
 * rule depends on them, since SES checks its permissions when the rule is created. The rule set
 * is not made active here: an account has one active set per region, which another
 * application may own (see the README).
 */
export class MailReceiving extends Construct {
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const ruleSetName = `${stack.stackName}-mail`;
    const ruleArn = stack.formatArn({
      service: "ses",
      resource: "receipt-rule-set",
      resourceName: `${ruleSetName}:receipt-rule/${RULE_NAME}`,
    });
    const fromThisRule = { "aws:SourceAccount": stack.account, "aws:SourceArn": ruleArn };
    const ses = new ServicePrincipal("ses.amazonaws.com");

    props.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: "SesStoresInboundMail",
        principals: [ses],
        actions: ["s3:PutObject"],
        resources: [props.bucket.arnForObjects(`${INBOUND_MAIL_PREFIX}*`)],
        conditions: { StringEquals: fromThisRule },
      }),
    );
    props.bucket.addLifecycleRule({
      id: "InboundMail",
      prefix: INBOUND_MAIL_PREFIX,
      expiration: Duration.days(INBOUND_MAIL_DAYS),
    });
    props.receiver.addPermission("SesInvoke", {
      principal: ses,
      action: "lambda:InvokeFunction",
      sourceAccount: stack.account,
      sourceArn: ruleArn,
    });

    const store: IReceiptRuleAction = {
      bind: () => ({
        s3Action: { bucketName: props.bucket.bucketName, objectKeyPrefix: INBOUND_MAIL_PREFIX },
      }),
    };
    const receive: IReceiptRuleAction = {
      bind: () => ({ lambdaAction: { functionArn: props.receiver.functionArn, invocationType: "Event" } }),
    };

    this.ruleSet = new ReceiptRuleSet(this, "RuleSet", { receiptRuleSetName: ruleSetName });
    const rule = this.ruleSet.addRule("SupportDomain", {
      receiptRuleName: RULE_NAME,
      recipients: [props.domain],
      actions: [store, receive],
      // Spam and virus verdicts in the event; the receiver drops mail with a virus.
      scanEnabled: true,
      tlsPolicy: TlsPolicy.OPTIONAL,
    });
    const bucketPolicy = props.bucket.policy;
    if (!bucketPolicy) throw new Error("The files bucket has no policy for SES's grant");
    rule.node.addDependency(bucketPolicy);
    const permission = props.receiver.permissionsNode.tryFindChild("SesInvoke");
    if (permission) rule.node.addDependency(permission);
  }
}
