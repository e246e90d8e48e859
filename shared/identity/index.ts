import { z } from "zod";

/** `central_office` confirms or turns down the technical services agents generate (seed 002). */
export const StaffRole = z.enum(["agent", "supervisor", "admin", "central_office"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffIdentity = z.object({
  kind: z.literal("staff"),
  tenantId: z.string(),
  staffId: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
});
export type StaffIdentity = z.infer<typeof StaffIdentity>;

export const CustomerIdentity = z.object({
  kind: z.literal("customer"),
  tenantId: z.string(),
  customerId: z.string(),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export type Identity = StaffIdentity | CustomerIdentity;

/** Supervisors and admins see and may act on every conversation of their tenant. */
export function oversees(staff: StaffIdentity): boolean {
  return staff.role === "supervisor" || staff.role === "admin";
}
