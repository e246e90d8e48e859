import { createSignal } from "solid-js";
import type { PushedEvent } from "../../../../events/catalog.js";
import type { ApprovalInfo } from "../../../../shared/approval/approval.js";
import type { RequestApprovalInput } from "../../../../shared/approval/request-approval.js";
import type { MessageInfo } from "./console-types";

export type { ApprovalInfo, RequestApprovalInput };
export type ApprovalState = ApprovalInfo["state"];
export type ApprovalEvent = PushedEvent<"approval.decided">;

export const isApprovalEvent = (event: PushedEvent): event is ApprovalEvent =>
  event.name === "approval.decided";

/**
 * The latest known state of each approval, by id, shared by the thread's cards and the case's
 * approvals section: one list read or one pushed `approval.decided` updates both.
 */
const [states, setStates] = createSignal<Record<string, ApprovalState>>({});
/** Counts decisions pushed, so the section reads its list again. */
const [decisions, setDecisions] = createSignal(0);

export const approvalState = (approvalId: string): ApprovalState | undefined => states()[approvalId];
export const approvalDecisions = decisions;

export function rememberApprovals(approvals: readonly ApprovalInfo[]) {
  setStates((known) => ({
    ...known,
    ...Object.fromEntries(approvals.map((approval) => [approval.approvalId, approval.state])),
  }));
}

export function applyApprovalEvent(event: ApprovalEvent) {
  setStates((known) => ({ ...known, [event.data.approvalId]: event.data.state }));
  setDecisions((count) => count + 1);
}

/** How many approval cards the thread holds: a new one means the list is read again. */
export const approvalActivity = (messages: readonly MessageInfo[]) =>
  messages.filter((m) => m.content?.kind === "approval_request").length;

/** Common ISO 4217 currencies offered first; the field takes any other code too. */
export const CURRENCIES = ["EUR", "USD", "MXN", "GBP", "COP", "ARS", "CLP", "PEN"] as const;

/** The customer's address as the approval card will show it (the server masks it the same way). */
export function maskContact(channel: "email" | "whatsapp", value: string | undefined) {
  if (!value) return undefined;
  if (channel === "email") {
    const [local = "", domain = ""] = value.split("@");
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  const digits = value.replace(/\D/g, "");
  return `+${digits.slice(0, 2)} ••• ${digits.slice(-3)}`;
}
