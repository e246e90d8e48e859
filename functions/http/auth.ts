import { createMiddleware } from "hono/factory";
import { ForbiddenError, UnauthorizedError } from "../../shared/errors.js";
import { verifyCustomerSession } from "../../shared/identity/customer-session.js";
import type { CustomerIdentity, StaffIdentity, StaffRole } from "../../shared/identity/index.js";
import type { Runtime } from "../ports.js";

export type AppEnv = { Variables: { staff: StaffIdentity; customer: CustomerIdentity } };

function bearer(header: string | undefined) {
  const match = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/);
  if (!match?.[1]) throw new UnauthorizedError("A bearer token is required", "missing_token");
  return match[1];
}

/** Staff routes: a valid Cognito ID token of one of `roles`. */
export const requireStaff = (
  runtime: Runtime,
  roles: readonly StaffRole[] = ["agent", "supervisor", "admin"],
) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const staff = await runtime.verifyStaffToken(bearer(c.req.header("authorization")));
    if (!roles.includes(staff.role)) throw new ForbiddenError("Your role may not do this", "role_forbidden");
    c.set("staff", staff);
    await next();
  });

/** Widget routes: a customer session issued by POST /api/customer/sessions. */
export const requireCustomer = (runtime: Runtime) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set(
      "customer",
      await verifyCustomerSession(runtime.config.sessionSecret, bearer(c.req.header("authorization"))),
    );
    await next();
  });
