import { z } from "zod";
import { AppError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { getTenant } from "../tenant/index.js";
import { GENERAL_QUEUE_ID, Queue } from "./queue.js";

/** A tenant's departments as an admin saves them: distinct ids, `general` always among them. */
export const QueueList = z
  .object({ queues: z.array(Queue).min(1).max(50) })
  .refine(({ queues }) => new Set(queues.map((queue) => queue.queueId)).size === queues.length, {
    message: "Two queues have the same id",
    path: ["queues"],
  })
  .refine(({ queues }) => queues.some((queue) => queue.queueId === GENERAL_QUEUE_ID), {
    message: `The "${GENERAL_QUEUE_ID}" queue holds every case not sent elsewhere; it cannot be left out`,
    path: ["queues"],
  });
export type QueueList = z.input<typeof QueueList>;

const GENERAL: Queue = { queueId: GENERAL_QUEUE_ID, es: "Atención general", en: "General service" };

/** The tenant's departments; a tenant that never set any has only general service. */
export async function listQueues(ports: Pick<Ports, "db">, tenantId: string): Promise<Queue[]> {
  const tenant = await getTenant(ports, tenantId);
  return tenant.queues?.length ? tenant.queues : [GENERAL];
}

/** The admin replaces the tenant's departments. Cases in a queue taken out keep its id and show it as is. */
export async function saveQueues(ports: Pick<Ports, "db">, staff: StaffIdentity, input: QueueList) {
  const { queues } = QueueList.parse(input);
  await ports.db.tenant.patch({ tenantId: staff.tenantId }).set({ queues }).go();
  return queues;
}

/** The department with this id, or `unknown_queue`: a case is never sent where nobody looks. */
export async function findQueue(ports: Pick<Ports, "db">, tenantId: string, queueId: string) {
  const queue = (await listQueues(ports, tenantId)).find((candidate) => candidate.queueId === queueId);
  if (!queue) throw new AppError("unknown_queue", 400, `There is no queue "${queueId}"`, { queueId });
  return queue;
}
