import { describe, expect, it } from "vitest";
import { documentActivity } from "../../../../web/console/src/data/case-documents";
import { contentNotice } from "../../../../web/console/src/data/message-content";
import { translate } from "../../../../web/console/src/i18n";
import { message } from "./fixtures";

const request = { kind: "document_request", requestId: "doc_1", title: "Ticket de compra" } as const;
const received = {
  kind: "document_received",
  requestId: "doc_1",
  title: "Ticket de compra",
  name: "t.png",
} as const;

describe("documents in the console's thread", () => {
  it("names the document asked for and the one the customer sent, in both languages", () => {
    const asked = contentNotice(request)!;
    const sent = contentNotice(received)!;
    expect(translate("es", asked.key, asked.params)).toBe("Documento pedido: Ticket de compra");
    expect(translate("en", sent.key, sent.params)).toBe("Document sent: Ticket de compra");
  });

  it("counts only the messages about documents, so the case's documents are read again when one arrives", () => {
    const thread = [message(1), message(2, { content: request }), message(3, { content: { kind: "text" } })];
    expect(documentActivity(thread)).toBe(1);
    expect(documentActivity([...thread, message(4, { content: received })])).toBe(2);
  });
});
