import { createHash } from "node:crypto";
import type { EntityItem } from "electrodb";
import { z } from "zod";
import type { Actor } from "../../events/catalog.js";
import { listChannelAccounts } from "../channels/channel-accounts.js";
import type { Db } from "../data/db.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { createEvent } from "../event.js";
import type { Identity } from "../identity/index.js";
import type { Clock, Ports } from "../ports.js";

/** What an agent may ask a customer to approve (seed 000: "activa proceso de pago", "confirma la devolución"). */
export const Operation = z.enum(["refund", "insurance", "payment", "other"]);
export type Operation = z.infer<typeof Operation>;

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** An amount in an ISO 4217 currency, to the cent. */
export const Amount = z.object({
  value: z
    .number()
    .positive()
    .max(1_000_000_000)
    .refine((value) => Number(value.toFixed(2)) === value, "at most two decimals"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR")
    .refine((code) => CURRENCIES.has(code), "an ISO 4217 code such as EUR"),
});
export type Amount = z.infer<typeof Amount>;

/** Where the one-time code goes: the customer's registered e-mail, or his phone on WhatsApp. */
export const CodeChannel = z.enum(["email", "whatsapp"]);
export type CodeChannel = z.infer<typeof CodeChannel>;

export const ApprovalState = z.enum(["pending", "approved", "locked", "expired", "cancelled"]);
export type ApprovalState = z.infer<typeof ApprovalState>;

export const ApprovalId = z.string().regex(/^apr_[0-9A-Z]{26}$/, "not an approval id");

/** Wrong codes an approval takes before it locks. */
export const MAX_CODE_ATTEMPTS = 3;
/** Codes one approval may send, and how long after one the next may go. */
export const MAX_CODES_SENT = 5;
export const CODE_RESEND_SECONDS = 30;

export const ApprovalInfo = z.object({
  approvalId: z.string(),
  conversationId: z.string(),
  operation: Operation,
  description: z.string(),
  amount: Amount.optional(),
  /** SHA-256 of the canonical JSON of operation, description and amount: what exactly is approved. */
  whatHash: z.string(),
  channel: CodeChannel,
  maskedDestination: z.string(),
  /** `expired` as soon as the time limit passed, even before anyone wrote it down. */
  state: ApprovalState,
  expiresAt: z.string(),
  attemptsLeft: z.number().int().nonnegative(),
  codeSentAt: z.string().optional(),
  requestedBy: z.object({ staffId: z.string(), name: z.string() }),
  requestedAt: z.string(),
  requestSeq: z.number(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
});
export type ApprovalInfo = z.infer<typeof ApprovalInfo>;

export type ApprovalItem = EntityItem<Db["approval"]>;

/** A pending approval whose time is up is expired, whether or not that was recorded yet. */
export function isOverdue(approval: ApprovalItem, now: Date) {
  return approval.state === "pending" && now.toISOString() >= approval.validUntil;
}

export function toApprovalInfo(approval: ApprovalItem, now: Date): ApprovalInfo {
  return {
    approvalId: approval.approvalId,
    conversationId: approval.conversationId,
    operation: approval.operation,
    description: approval.description,
    ...(approval.amount && { amount: approval.amount }),
    whatHash: approval.whatHash,
    channel: approval.channel,
    maskedDestination: approval.maskedDestination,
    state: isOverdue(approval, now) ? "expired" : approval.state,
    expiresAt: approval.validUntil,
    attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - approval.attempts),
    ...(approval.codeSentAt && { codeSentAt: approval.codeSentAt }),
    requestedBy: { staffId: approval.requestedById, name: approval.requestedByName },
    requestedAt: approval.requestedAt,
    requestSeq: approval.requestSeq,
    ...(approval.decidedAt && { decidedAt: approval.decidedAt }),
    ...(approval.decidedBy && { decidedBy: approval.decidedBy }),
  };
}

/**
 * The fingerprint of what is approved: keys in a fixed order, the amount as cents, so the same
 * operation always hashes the same and the trail proves which one the customer confirmed.
 */
export function whatHashOf(what: { operation: Operation; description: string; amount?: Amount | undefined }) {
  const canonical = JSON.stringify({
    operation: what.operation,
    description: what.description,
    amount: what.amount
      ? { cents: Math.round(what.amount.value * 100), currency: what.amount.currency }
      : null,
  });
  return `sha256:${createHash("sha256").update(canonical).digest("hex")}`;
}

/** What the trail keeps of an approval: exactly what it is about. */
export function approvalDetail(approval: ApprovalItem) {
  return {
    approvalId: approval.approvalId,
    operation: approval.operation,
    description: approval.description,
    ...(approval.amount && { amount: approval.amount }),
    whatHash: approval.whatHash,
  };
}

/** `59,90 €`: how a Spanish reader writes an amount. */
export function formatAmount(amount: Amount) {
  return new Intl.NumberFormat("es-ES", { style: "currency", currency: amount.currency }).format(
    amount.value,
  );
}

/** Our account the tenant sends codes from on a channel: its support address, its WhatsApp number. */
export async function sendingAccount(ports: Pick<Ports, "db">, tenantId: string, channel: CodeChannel) {
  const accounts = await listChannelAccounts(ports, tenantId);
  const account = accounts.find((candidate) => candidate.channel === channel);
  if (!account) {
    throw new ConflictError(
      "channel_account_missing",
      `The tenant has no ${channel} account to send codes from`,
      {
        channel,
      },
    );
  }
  return account.accountId;
}

/** `14:35 UTC`: the hour a code or approval is good until, as its messages say it. */
export function timeOfDay(iso: string) {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

/** `a•••@example.com`: enough for the customer to recognise his address, not to learn it. */
export function maskDestination(channel: CodeChannel, destination: string) {
  if (channel === "email") {
    const [local = "", domain = ""] = destination.split("@");
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  const digits = destination.replace(/\D/g, "");
  return `+${digits.slice(0, 2)} ••• ${digits.slice(-3)}`;
}

/** One approval of a conversation the caller may already see; another case's id is not found. */
export async function getApproval(
  ports: { db: Db },
  key: { tenantId: string; conversationId: string },
  approvalId: string,
) {
  if (!ApprovalId.safeParse(approvalId).success) throw new NotFoundError("approval");
  const { data } = await ports.db.approval.get({ ...key, approvalId }).go({ consistent: true });
  if (!data) throw new NotFoundError("approval");
  return data;
}

/** Who acted, as events name them. */
export function actorOf(identity: Identity): Actor {
  return identity.kind === "staff"
    ? { type: "staff", id: identity.staffId }
    : { type: "customer", id: identity.customerId };
}

/** The event that tells the case's agent and its customer that an approval reached its end. */
export function approvalDecided(
  clock: Clock,
  actor: Actor,
  approval: ApprovalItem,
  state: "approved" | "locked" | "expired" | "cancelled",
  assigneeId: string | undefined,
) {
  return createEvent(clock, "approval.decided", approval.tenantId, actor, {
    conversationId: approval.conversationId,
    customerId: approval.customerId,
    ...(assigneeId && { assigneeId }),
    approvalId: approval.approvalId,
    state,
  });
}
