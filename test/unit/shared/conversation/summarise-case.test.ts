import { describe, expect, it } from "vitest";
import { type CaseFacts, keyPhrases, summariseCase } from "../../../../shared/conversation/summarise-case.js";

const QUEUES = [
  { queueId: "general", es: "Atención general", en: "General service" },
  { queueId: "reclamos", es: "Reclamos y devoluciones", en: "Complaints and refunds" },
];

let seq = 0;
const message = (
  author: "customer" | "agent" | "system",
  text: string,
  extra: Partial<CaseFacts["messages"][number]> = {},
): CaseFacts["messages"][number] => {
  seq++;
  return {
    seq,
    author,
    authorId: author === "agent" ? "stf_ana" : author,
    ...(author === "agent" && { authorName: "Ana" }),
    text,
    attachments: [],
    createdAt: `2026-11-20T10:${String(seq).padStart(2, "0")}:00.000Z`,
    ...extra,
  };
};

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  seq = 0;
  return {
    conversation: { conversationId: "cnv_1", subject: "Comisión en cajero" },
    messages: [
      message("customer", "Hola, me cobraron una comisión de 2,50 € en el cajero"),
      message("agent", "Lo reviso"),
      message("customer", "Fue en el cajero del aeropuerto, comisión indebida"),
    ],
    queues: QUEUES,
    documents: [],
    approvals: [],
    previousCases: [],
    ...overrides,
  };
}

describe("the case summary", () => {
  it("says what the customer asked: subject, the chatbot's motivo, his first messages and key phrases", () => {
    const summary = summariseCase(
      facts({
        conversation: {
          conversationId: "cnv_1",
          subject: "Comisión en cajero",
          bot: {
            flowVersion: 1,
            nodeId: "human",
            attempts: 0,
            answeredSeq: 1,
            collected: { motivo: "Reclamo de comisión" },
          },
        },
      }),
    );
    expect(summary.asked).toEqual({
      subject: "Comisión en cajero",
      motivo: "Reclamo de comisión",
      firstMessages: [
        {
          seq: 1,
          text: "Hola, me cobraron una comisión de 2,50 € en el cajero",
          at: "2026-11-20T10:01:00.000Z",
        },
        {
          seq: 3,
          text: "Fue en el cajero del aeropuerto, comisión indebida",
          at: "2026-11-20T10:03:00.000Z",
        },
      ],
      keyPhrases: ["2,50 €", "comisión", "cajero", "reclamo", "cobraron", "aeropuerto"],
    });
  });

  it("says what was done: who answered and when, the handovers with their notes, and messages per side", () => {
    const summary = summariseCase(
      facts({
        conversation: {
          conversationId: "cnv_1",
          subject: "Comisión en cajero",
          queueId: "reclamos",
          handovers: [
            {
              handoverId: "hnd_1",
              note: "Verificado el cargo; falta aprobar la devolución",
              fromStaffId: "stf_ana",
              fromStaffName: "Ana",
              fromQueueId: "general",
              toQueueId: "reclamos",
              at: "2026-11-20T10:05:00.000Z",
            },
          ],
        },
        previousCases: [
          {
            conversationId: "cnv_0",
            subject: "Viaje",
            disposition: "resolved",
            closedAt: "2026-11-01T00:00:00.000Z",
          },
        ],
      }),
    );
    expect(summary.queue).toEqual(QUEUES[1]);
    expect(summary.done).toEqual({
      agents: [
        {
          staffId: "stf_ana",
          name: "Ana",
          firstAt: "2026-11-20T10:02:00.000Z",
          lastAt: "2026-11-20T10:02:00.000Z",
          messages: 1,
        },
      ],
      handovers: [
        {
          handoverId: "hnd_1",
          note: "Verificado el cargo; falta aprobar la devolución",
          fromStaffName: "Ana",
          from: QUEUES[0],
          to: QUEUES[1],
          at: "2026-11-20T10:05:00.000Z",
        },
      ],
      messages: { customer: 2, agent: 1, system: 0 },
      previousCases: [
        {
          conversationId: "cnv_0",
          subject: "Viaje",
          disposition: "resolved",
          closedAt: "2026-11-01T00:00:00.000Z",
        },
      ],
    });
  });

  it("names a queue the admin took out by its id rather than failing", () => {
    const summary = summariseCase(
      facts({ conversation: { conversationId: "cnv_1", subject: "x", queueId: "hipotecas" } }),
    );
    expect(summary.queue).toEqual({ queueId: "hipotecas", es: "hipotecas", en: "hipotecas" });
  });

  it("lists documents, files and approvals, and what is pending: unanswered messages, requested documents, pending approvals", () => {
    seq = 0;
    const messages = [
      message("customer", "Les escribo por un cargo doble"),
      message("agent", "Envíenos el ticket"),
      message("customer", "", {
        attachments: [
          { attachmentId: "att_1", key: "k", name: "ticket.jpg", contentType: "image/jpeg", size: 10 },
        ],
      }),
      message("system", "Tu gestión pasó a Reclamos y devoluciones; no tendrás que repetir nada."),
      message("customer", "¿Cuándo me devuelven el dinero?"),
    ];
    const summary = summariseCase({
      ...facts(),
      messages,
      documents: [
        {
          title: "Ticket de compra",
          state: "received",
          requestedAt: "2026-11-20T10:02:00.000Z",
          receivedAt: "2026-11-20T10:03:00.000Z",
          fileName: "ticket.jpg",
        },
        { title: "DNI", state: "requested", requestedAt: "2026-11-20T10:04:00.000Z" },
      ],
      approvals: [
        {
          description: "Devolución de 49,90 €",
          operation: "refund",
          state: "pending",
          requestedAt: "2026-11-20T10:04:00.000Z",
        },
        {
          description: "Seguro de viaje",
          operation: "insurance",
          state: "approved",
          requestedAt: "2026-11-19T10:00:00.000Z",
          decidedAt: "2026-11-19T10:05:00.000Z",
        },
      ],
    });
    expect(summary.documents).toEqual([
      {
        title: "Ticket de compra",
        state: "received",
        at: "2026-11-20T10:03:00.000Z",
        fileName: "ticket.jpg",
      },
      { title: "DNI", state: "requested", at: "2026-11-20T10:04:00.000Z" },
    ]);
    expect(summary.filesReceived).toEqual([{ name: "ticket.jpg", seq: 3, at: "2026-11-20T10:03:00.000Z" }]);
    expect(summary.approvals.map((a) => [a.description, a.state, a.at])).toEqual([
      ["Devolución de 49,90 €", "pending", "2026-11-20T10:04:00.000Z"],
      ["Seguro de viaje", "approved", "2026-11-19T10:05:00.000Z"],
    ]);
    // A system notice is no answer: the customer's question after the agent's last reply is still open.
    expect(summary.pending).toEqual({
      unanswered: [{ seq: 5, text: "¿Cuándo me devuelven el dinero?", at: "2026-11-20T10:05:00.000Z" }],
      documents: ["DNI"],
      approvals: ["Devolución de 49,90 €"],
    });
  });

  it("has nothing pending once an agent answered the last customer message", () => {
    seq = 0;
    const summary = summariseCase({
      ...facts(),
      messages: [message("customer", "Hola"), message("agent", "Hola, dígame")],
    });
    expect(summary.pending.unanswered).toEqual([]);
  });

  it("quotes a long message cut at a whole character", () => {
    seq = 0;
    const long = "é".repeat(400);
    const summary = summariseCase({ ...facts(), messages: [message("customer", long)] });
    const [first] = summary.asked.firstMessages;
    expect(Array.from(first!.text)).toHaveLength(280);
    expect(first!.text.endsWith("…")).toBe(true);
  });

  it("is the same summary every time for the same facts", () => {
    expect(summariseCase(facts())).toEqual(summariseCase(facts()));
  });
});

describe("key phrases", () => {
  it("puts amounts first, then the words used most, leaving out words that say nothing", () => {
    expect(
      keyPhrases(["Hola, quiero saber por qué me cobraron 30 euros", "Los 30 euros del cajero, gracias"]),
    ).toEqual(["30 euros", "cobraron", "cajero"]);
  });
});
