import type { AgentProfile } from "../../../../shared/scripts/agent-profiles.js";

export type { AgentProfile };

/** A tipo of the published script tree, as the admin ticks it for an agent. */
export type TipoChoice = { id: string; name: string };

/** The tenant's agents and the published tree's tipos; no `tipos` while no tree is published. */
export type AgentProfiles = { agents: AgentProfile[]; tipos?: TipoChoice[] };
