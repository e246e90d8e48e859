import { z } from "zod";
import { loadConversation } from "../conversation/load-conversation.js";
import { ValidationError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

/** The console reports at most a minute at a time, so a lost report loses little and a forged one gains little. */
export const MAX_SLICE_SECONDS = 60;
/** Clocks differ a little between the browser and us. */
const CLOCK_SKEW_MS = 5_000;
/** A slice is remembered two days; an older one could no longer be recognised as a retry, so it is refused. */
const MAX_SLICE_AGE_MS = 24 * 3600_000;
const SLICE_MEMORY_SECONDS = 2 * 24 * 3600;

export const ActivitySlice = z
  .object({
    /** Made by the console; sending the same slice again counts it once. */
    sliceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "slice ids are 8-64 letters, digits, '-' or '_'"),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
  })
  .refine(({ startedAt, endedAt }) => Date.parse(endedAt) > Date.parse(startedAt), {
    message: "A slice ends after it starts",
    path: ["endedAt"],
  })
  .refine(
    ({ startedAt, endedAt }) => Date.parse(endedAt) - Date.parse(startedAt) <= MAX_SLICE_SECONDS * 1000,
    {
      message: `A slice is at most ${MAX_SLICE_SECONDS} s`,
      path: ["endedAt"],
    },
  );
export type ActivitySlice = z.infer<typeof ActivitySlice>;

export const ActivityInput = z.object({ slices: z.array(ActivitySlice).min(1).max(20) });
export type ActivityInput = z.input<typeof ActivityInput>;

/** The UTC day a slice counts on: the day it started. */
const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * Adds the time the staff member actively spent on a case, as the console measured it. Each
 * slice is counted in one transaction with a marker keyed by its id, so a retried report adds
 * nothing; slices in the future, or too old to be recognised again, are refused whole.
 */
export async function recordActivity(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  conversationId: string,
  input: ActivityInput,
) {
  const { slices } = ActivityInput.parse(input);
  const now = ports.clock.now();
  for (const slice of slices) {
    if (Date.parse(slice.endedAt) > now.getTime() + CLOCK_SKEW_MS) {
      throw new ValidationError("A slice cannot end in the future", {
        code: "slice_in_future",
        sliceId: slice.sliceId,
      });
    }
    if (Date.parse(slice.startedAt) < now.getTime() - MAX_SLICE_AGE_MS) {
      throw new ValidationError("A slice older than a day is not counted", {
        code: "slice_too_old",
        sliceId: slice.sliceId,
      });
    }
  }
  const conversation = await loadConversation(ports, staff, conversationId);
  const { tenantId, staffId } = staff;
  const expiresAt = Math.floor(now.getTime() / 1000) + SLICE_MEMORY_SECONDS;
  let counted = 0;
  for (const slice of slices) {
    const seconds = Math.round((Date.parse(slice.endedAt) - Date.parse(slice.startedAt)) / 1000);
    const { canceled } = await ports.db.transaction
      .write(({ handleSlice, handleTime }) => [
        handleSlice.create({ tenantId, staffId, sliceId: slice.sliceId, expiresAt }).commit(),
        handleTime
          .upsert({
            tenantId,
            conversationId: conversation.conversationId,
            staffId,
            day: dayOf(slice.startedAt),
            staffName: staff.name,
            updatedAt: now.toISOString(),
          })
          .add({ seconds })
          .commit(),
      ])
      .go();
    if (!canceled) counted++;
  }
  return { counted, duplicates: slices.length - counted };
}
