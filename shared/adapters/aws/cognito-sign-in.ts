import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { UnauthorizedError } from "../../errors.js";

const REFUSED = new Set([
  "NotAuthorizedException",
  "UserNotFoundException",
  "UserNotConfirmedException",
  "PasswordResetRequiredException",
  // cognito-local answers a wrong password with this; Cognito itself with NotAuthorizedException.
  "InvalidPasswordException",
]);

/**
 * Signs staff in against the Cognito user pool with USER_PASSWORD_AUTH. Every refusal looks the
 * same to the caller, so the answer does not tell which e-mails exist.
 */
export function createCognitoSignIn(cognito: CognitoIdentityProviderClient, clientId: string) {
  async function initiate(
    flow: "USER_PASSWORD_AUTH" | "REFRESH_TOKEN_AUTH",
    parameters: Record<string, string>,
  ) {
    try {
      const { AuthenticationResult: result } = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: flow, ClientId: clientId, AuthParameters: parameters }),
      );
      if (!result?.IdToken) throw new UnauthorizedError("Sign-in needs another step", "sign_in_challenge");
      return {
        idToken: result.IdToken,
        refreshToken: result.RefreshToken,
        expiresIn: result.ExpiresIn ?? 3600,
      };
    } catch (error) {
      if (error instanceof Error && REFUSED.has(error.name)) {
        throw new UnauthorizedError("Wrong e-mail or password", "invalid_credentials");
      }
      throw error;
    }
  }

  return {
    signIn: (email: string, password: string) =>
      initiate("USER_PASSWORD_AUTH", { USERNAME: email, PASSWORD: password }),
    refresh: (refreshToken: string) => initiate("REFRESH_TOKEN_AUTH", { REFRESH_TOKEN: refreshToken }),
  };
}
