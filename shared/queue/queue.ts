import { z } from "zod";

/** Where a case waits when nobody sent it anywhere: every conversation without a `queueId`. */
export const GENERAL_QUEUE_ID = "general";

export const QueueId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "queue ids are 1-40 lowercase letters, digits, '-' or '_'");

/** A department a case can be sent to, named in both languages of the console. */
export const Queue = z.object({
  queueId: QueueId,
  es: z.string().trim().min(1).max(80),
  en: z.string().trim().min(1).max(80),
});
export type Queue = z.infer<typeof Queue>;
