import { z } from "zod";
import { type CareRecordItem, CareStatus } from "../care/record.js";
import { UpdateCustomerInput } from "../customer/customer-profile.js";

/** What the customer says he is sending from "Mi cuenta": a question, or a complaint. */
export const QueryKind = z.enum(["consulta", "reclamo"]);
export type QueryKind = z.infer<typeof QueryKind>;

/** The contact means the back office answers a query by (seed 002: "por alguno de los medios de contacto"). */
export const ContactMeans = z.enum(["phone", "email"]);
export type ContactMeans = z.infer<typeof ContactMeans>;

export const MAX_SUBJECT_LENGTH = 120;
export const MAX_QUERY_MESSAGE_LENGTH = 4000;

/** Chosen by the browser once per form sent, and sent again on a retry of the same submit. */
export const ClientRequestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "client request ids are 8-64 letters, digits, '-' or '_'");

// The same rules as an agent's edit of the profile, so what the customer writes can become his profile.
const { name, documentNumber, phone, email } = UpdateCustomerInput.shape;

export const SubmitQueryInput = z
  .object({
    clientRequestId: ClientRequestId,
    kind: QueryKind,
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH),
    message: z.string().trim().min(1).max(MAX_QUERY_MESSAGE_LENGTH),
    name: name.unwrap(),
    documentNumber: documentNumber.unwrap(),
    phone,
    email,
    /** Defaults to the one means given, or the phone when both are. */
    preferredContact: ContactMeans.optional(),
    city: z.string().trim().min(1).max(80).optional(),
  })
  .superRefine((input, context) => {
    if (!input.phone && !input.email)
      context.addIssue({
        code: "custom",
        path: ["phone"],
        message: "a phone or an e-mail to be answered by",
      });
    if (input.preferredContact && !input[input.preferredContact])
      context.addIssue({
        code: "custom",
        path: ["preferredContact"],
        message: "the preferred contact means must be one given",
      });
  });
export type SubmitQueryInput = z.input<typeof SubmitQueryInput>;

/** What only a query's care record holds, in its `detail`. */
export const QueryDetail = z.object({
  kind: QueryKind,
  message: z.string(),
  preferredContact: ContactMeans,
});

/** Where a query stands: the statuses of the "Consultas" tab. */
export const QueryStatus = CareStatus.extract(["open", "closed", "service_generated"]);

/** A query as its customer sees it in "Mi cuenta": what he sent and where it stands. */
export const QueryInfo = z.object({
  queryId: z.string(),
  kind: QueryKind,
  subject: z.string(),
  message: z.string(),
  status: QueryStatus,
  preferredContact: ContactMeans,
  phone: z.string().optional(),
  email: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QueryInfo = z.infer<typeof QueryInfo>;

export function toQueryInfo(record: CareRecordItem): QueryInfo {
  const { kind, message, preferredContact } = QueryDetail.parse(record.detail);
  return QueryInfo.parse({
    queryId: record.recordId,
    kind,
    subject: record.subject,
    message,
    status: record.status,
    preferredContact,
    phone: record.phone,
    email: record.email,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  });
}
