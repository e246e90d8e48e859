import { z } from "zod";
import { AppError } from "../errors.js";
import type { BotFlow, BotNode } from "./flow.js";

/** One reason a flow cannot be published, for the editor to point at: the node, and the missing target. */
export const FlowProblem = z.object({
  code: z.enum([
    "duplicate_node",
    "unknown_start",
    "unknown_target",
    "unreachable",
    "dead_end",
    "cycle_without_input",
  ]),
  node: z.string(),
  target: z.string().optional(),
});
export type FlowProblem = z.infer<typeof FlowProblem>;

export class InvalidFlowError extends AppError {
  constructor(readonly problems: FlowProblem[]) {
    super("invalid_flow", 400, `The flow cannot be published: ${problems.map((p) => p.code).join(", ")}`, {
      problems,
    });
  }
}

/** The nodes a node leads to. */
export function targetsOf(node: BotNode): string[] {
  switch (node.kind) {
    case "menu":
      return node.options.map((option) => option.next);
    case "question":
    case "message":
      return [node.next];
    case "handoff":
    case "end":
      return [];
  }
}

/**
 * Everything that would strand a customer: a target or start that does not exist, a node no
 * path reaches, a node from which no path reaches a hand-off or an end, and a loop of plain
 * messages that would run forever without waiting for the customer. Empty when publishable.
 */
export function flowProblems(flow: BotFlow): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const nodes = new Map<string, BotNode>();
  for (const node of flow.nodes) {
    if (nodes.has(node.id)) problems.push({ code: "duplicate_node", node: node.id });
    else nodes.set(node.id, node);
  }
  if (!nodes.has(flow.start)) problems.push({ code: "unknown_start", node: flow.start });
  for (const node of nodes.values()) {
    for (const target of new Set(targetsOf(node))) {
      if (!nodes.has(target)) problems.push({ code: "unknown_target", node: node.id, target });
    }
  }
  if (problems.length > 0) return problems;

  const reached = new Set<string>();
  const pending = [flow.start];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    pending.push(...targetsOf(nodes.get(id)!));
  }
  for (const id of nodes.keys()) if (!reached.has(id)) problems.push({ code: "unreachable", node: id });

  // Walking the edges backwards from every hand-off and end finds each node that can still finish.
  const finishing = new Set([...nodes.values()].filter((n) => targetsOf(n).length === 0).map((n) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const node of nodes.values()) {
      if (!finishing.has(node.id) && targetsOf(node).some((target) => finishing.has(target))) {
        finishing.add(node.id);
        grew = true;
      }
    }
  }
  for (const id of nodes.keys()) if (!finishing.has(id)) problems.push({ code: "dead_end", node: id });

  for (const id of messageCycles(nodes)) problems.push({ code: "cycle_without_input", node: id });
  return problems;
}

/** The message nodes that lead back to themselves through message nodes only. */
function messageCycles(nodes: Map<string, BotNode>) {
  const looping: string[] = [];
  for (const node of nodes.values()) {
    if (node.kind !== "message") continue;
    const seen = new Set<string>();
    let current: BotNode | undefined = node;
    while (current?.kind === "message" && !seen.has(current.id)) {
      seen.add(current.id);
      current = nodes.get(current.next);
    }
    if (current?.id === node.id) looping.push(node.id);
  }
  return looping;
}

/** Throws `invalid_flow` with every problem unless the flow can be published. */
export function assertPublishable(flow: BotFlow) {
  const problems = flowProblems(flow);
  if (problems.length > 0) throw new InvalidFlowError(problems);
}
