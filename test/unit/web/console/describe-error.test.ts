import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../web/console/src/data/api-error";
import { describeError } from "../../../../web/console/src/data/describe-error";
import { translate } from "../../../../web/console/src/i18n";

const es = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate("es", key, params);

describe("describeError", () => {
  it("names who has the conversation when a take loses the race", () => {
    const error = new ApiError(409, "conversation_taken", "Ana Agente already has this conversation", {
      assigneeName: "Ana Agente",
    });
    expect(describeError(error, es)).toBe("Ana Agente ya tiene esta conversación.");
  });

  it("reads the precise code from the details of a validation error", () => {
    const error = new ApiError(400, "invalid_request", "Unknown disposition code", {
      code: "unknown_disposition",
    });
    expect(describeError(error, es)).toBe("Ese código de cierre ya no existe.");
  });

  it("tells the agent to try again in a moment while a service is out of reach", () => {
    const error = new ApiError(503, "unavailable", "Briefly unavailable, try again in a moment");
    expect(describeError(error, es)).toBe(
      "El servicio no responde en este momento. Vuelve a probar en unos segundos.",
    );
  });

  it("fills in the parameters the caller knows", () => {
    expect(describeError(new ApiError(0, "upload_failed", "refused"), es, { name: "ticket.pdf" })).toBe(
      "No se pudo subir ticket.pdf.",
    );
  });

  it("explains the server's refusal of a file like the console's own check", () => {
    const error = new ApiError(415, "unsupported_media_type", "Files of type text/plain are not accepted");
    expect(describeError(error, es)).toBe(es("errors.unsupported_type"));
  });

  it("shows the server's words for a client error it has no text for, never for a server failure", () => {
    expect(describeError(new ApiError(400, "odd_case", "Something specific"), es)).toBe("Something specific");
    expect(describeError(new ApiError(500, "internal", "Something went wrong on our side"), es)).toBe(
      es("errors.generic"),
    );
    expect(describeError(new TypeError("boom"), es)).toBe(es("errors.generic"));
  });

  it("explains a closed WhatsApp window as the composer does, and Messenger's its own way", () => {
    const whatsapp = new ApiError(409, "window_closed", "More than 24 h", { channel: "whatsapp" });
    expect(describeError(whatsapp, es)).toBe(
      "Han pasado más de 24 h desde el último mensaje del cliente: WhatsApp solo permite plantillas aprobadas.",
    );
    const messenger = new ApiError(409, "window_closed", "More than 7 days", { channel: "messenger" });
    expect(describeError(messenger, es)).toContain("Messenger no permite escribirle");
  });

  it("names which detail already identifies another customer", () => {
    const error = new ApiError(409, "identity_taken", "Another customer is already known by this", {
      keys: ["phone", "document"],
    });
    expect(describeError(error, es)).toBe(
      "Otro cliente ya está registrado con: Teléfono, Número de documento. Revisa el dato; unir dos clientes no se hace desde aquí.",
    );
  });

  it("fills a message's placeholders from the server's details", () => {
    const error = new ApiError(400, "invalid_request", "The template takes 2 parameters", {
      code: "template_parameters",
      expected: 2,
    });
    expect(describeError(error, es)).toBe("La plantilla necesita 2 parámetros.");
  });
});
