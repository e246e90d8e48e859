import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  AccountRecovery,
  FeaturePlan,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { StaffRole } from "../../../shared/identity/index.js";

/** Lower precedence wins when a user is in several groups: the broadest role counts. */
const PRECEDENCE: Record<StaffRole, number> = { admin: 0, supervisor: 1, central_office: 2, agent: 3 };

/**
 * Staff accounts (agents, supervisors, admins). Admins create users, each with the tenant they
 * belong to in `custom:tenant`, which the ID token carries and nobody can change afterwards.
 */
export class StaffUserPool extends Construct {
  readonly pool: UserPool;
  /** The console's client: the HTTP API signs staff in with USER_PASSWORD_AUTH on its behalf. */
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.pool = new UserPool(this, "Pool", {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: { tenant: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      // AWS advises auditing risk scores before enforcing them, and ours are skewed: sign-ins reach
      // Cognito from the HTTP API's Lambda, not the staff member's browser. Enforce once reviewed.
      standardThreatProtectionMode: StandardThreatProtectionMode.AUDIT_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.pool).acknowledge({
      id: "AwsSolutions-COG2",
      reason:
        "MFA is not required yet: the console signs in through /api/auth/login, which does not answer Cognito's MFA challenges. Requiring MFA would lock every agent out.",
    });

    for (const role of StaffRole.options) {
      this.pool.addGroup(role, { groupName: role, precedence: PRECEDENCE[role] });
    }

    this.consoleClient = this.pool.addClient("ConsoleClient", {
      generateSecret: false,
      authFlows: { userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // About one shift: an agent signs in once per working day.
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
