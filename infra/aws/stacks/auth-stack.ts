import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { StaffUserPool } from "../constructs/staff-user-pool.js";

/** Who the staff are: the Cognito user pool, its role groups and the console's app client. */
export class AuthStack extends Stack {
  readonly staff: StaffUserPool;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.staff = new StaffUserPool(this, "Staff");
    new CfnOutput(this, "UserPoolId", { value: this.staff.pool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.staff.consoleClient.userPoolClientId });
  }
}
