import { z } from "zod";
import { AppError, ForbiddenError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { Slug } from "./script-tree.js";
import { currentScriptTree } from "./script-versions.js";

/*
 * Kardex profiles (seed 001: "dependiendo su perfil en Kardex atenderá cierto tipo de llamadas"):
 * the tipos of the script tree each agent attends. An agent without a profile attends every
 * tipo, so a tenant that never sets one routes as before; supervisors and admins attend all.
 */

/** The tipos an admin gives an agent; none takes his profile away, and he attends every tipo again. */
export const AgentProfileInput = z.object({
  tipos: z
    .array(Slug)
    .max(50)
    .refine((tipos) => new Set(tipos).size === tipos.length, "A tipo is listed twice"),
});
export type AgentProfileInput = z.input<typeof AgentProfileInput>;

export const AgentProfile = z.object({
  staffId: z.string(),
  name: z.string(),
  email: z.string(),
  /** Empty: no profile, he attends every tipo. */
  tipos: z.array(z.string()),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type AgentProfile = z.infer<typeof AgentProfile>;

export class OutsideProfileError extends ForbiddenError {
  constructor(tipo: string) {
    super(`Your Kardex profile does not include the tipo "${tipo}"`, "outside_profile");
  }
}

/** The tipos the agent attends; undefined when he has no profile and attends them all. */
export async function profileTipos(ports: Pick<Ports, "db">, tenantId: string, staffId: string) {
  const { data } = await ports.db.agentProfile.get({ tenantId, staffId }).go();
  return data?.tipos.length ? data.tipos : undefined;
}

/** The tipos whose contacts the staff member may take: undefined for all of them. */
export async function attendedTipos(ports: Pick<Ports, "db">, staff: StaffIdentity) {
  return staff.role === "agent" ? profileTipos(ports, staff.tenantId, staff.staffId) : undefined;
}

/** Refuses with 403 `outside_profile` a contact of a tipo the agent's profile does not list. */
export async function assertAttends(ports: Pick<Ports, "db">, staff: StaffIdentity, tipo: string) {
  const tipos = await attendedTipos(ports, staff);
  if (tipos && !tipos.includes(tipo)) throw new OutsideProfileError(tipo);
}

/** The tipos of the published tree an admin chooses from; undefined while none is published. */
export async function profileChoices(ports: Pick<Ports, "db">, tenantId: string) {
  const current = await currentScriptTree(ports, tenantId);
  return current?.tree.tipos.map(({ id, name }) => ({ id, name }));
}

/** The tenant's agents with the tipos each attends, by name. */
export async function listAgentProfiles(ports: Pick<Ports, "db">, staff: StaffIdentity) {
  const { tenantId } = staff;
  const [members, profiles] = await Promise.all([
    ports.db.staff.query.byId({ tenantId }).go({ pages: "all" }),
    ports.db.agentProfile.query.byStaff({ tenantId }).go({ pages: "all" }),
  ]);
  const byStaff = new Map(profiles.data.map((profile) => [profile.staffId, profile]));
  return members.data
    .filter((member) => member.role === "agent")
    .map((member) => {
      const profile = byStaff.get(member.staffId);
      return AgentProfile.parse({ ...member, ...profile, tipos: profile?.tipos ?? [] });
    })
    .sort((a, b) => a.name.localeCompare(b.name, "es"));
}

/**
 * The admin sets the tipos an agent attends (`agent_not_found` for anyone else's id). With a
 * published tree, each must be one of its tipos (`unknown_tipo`); saving the same again changes
 * nothing an agent notices.
 */
export async function saveAgentProfile(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  staffId: string,
  input: AgentProfileInput,
) {
  const { tipos } = AgentProfileInput.parse(input);
  const { tenantId } = staff;
  const [{ data: member }, current] = await Promise.all([
    ports.db.staff.get({ tenantId, staffId }).go(),
    currentScriptTree(ports, tenantId),
  ]);
  if (member?.role !== "agent") throw new NotFoundError("agent");
  if (current) {
    const known = new Set(current.tree.tipos.map((tipo) => tipo.id));
    const unknown = tipos.filter((tipo) => !known.has(tipo));
    if (unknown.length > 0)
      throw new AppError("unknown_tipo", 400, "The published script tree has no such tipo", {
        tipos: unknown,
      });
  }
  if (tipos.length === 0) {
    await ports.db.agentProfile.delete({ tenantId, staffId }).go();
    return AgentProfile.parse({ ...member, tipos });
  }
  const profile = {
    tenantId,
    staffId,
    tipos,
    updatedAt: ports.clock.now().toISOString(),
    updatedBy: staff.name,
  };
  await ports.db.agentProfile.put(profile).go();
  return AgentProfile.parse({ ...member, ...profile });
}
