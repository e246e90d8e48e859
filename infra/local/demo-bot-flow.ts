import type { BotFlowInput } from "../../shared/chatbot/flow.js";

/**
 * The demo bank's web chatbot (seed 002): a greeting menu; support collects who the customer
 * is and hands the chat to an agent; billing and sales collect the contact data and leave it
 * for the back office to call back, as a web chat out of hours would.
 */
export const DEMO_BOT_FLOW: BotFlowInput = {
  botName: "Asistente Banco Demo",
  start: "welcome",
  maxRetries: 2,
  nodes: [
    {
      kind: "menu",
      id: "welcome",
      prompt: "¡Hola! Soy el asistente de Banco Demo. ¿En qué te puedo ayudar?",
      options: [
        { label: "Soporte técnico", next: "support_name" },
        { label: "Facturación", next: "contact_name" },
        { label: "Contratar un servicio", next: "contact_name" },
        { label: "Hablar con una persona", next: "person" },
      ],
    },
    {
      kind: "question",
      id: "support_name",
      prompt: "¿Cuál es tu nombre y apellido?",
      field: "name",
      next: "support_document",
    },
    {
      kind: "question",
      id: "support_document",
      prompt: "¿Cuál es tu número de documento?",
      field: "documentNumber",
      next: "support_motivo",
    },
    {
      kind: "question",
      id: "support_motivo",
      prompt: "Cuéntanos brevemente qué está pasando.",
      field: "motivo",
      next: "support_handoff",
    },
    {
      kind: "handoff",
      id: "support_handoff",
      text: "Gracias. Te comunico con una persona de soporte técnico; en breve te responde por aquí.",
    },
    {
      kind: "question",
      id: "contact_name",
      prompt: "¿Cuál es tu nombre y apellido?",
      field: "name",
      next: "contact_document",
    },
    {
      kind: "question",
      id: "contact_document",
      prompt: "¿Cuál es tu número de documento?",
      field: "documentNumber",
      next: "contact_phone",
    },
    {
      kind: "question",
      id: "contact_phone",
      prompt: "¿A qué teléfono te podemos llamar?",
      field: "phone",
      next: "contact_motivo",
    },
    {
      kind: "question",
      id: "contact_motivo",
      prompt: "¿Cuál es el motivo de tu consulta?",
      field: "motivo",
      next: "contact_end",
    },
    {
      kind: "end",
      id: "contact_end",
      text: "¡Gracias! Registramos tu consulta y te contactaremos a la brevedad por teléfono.",
    },
    { kind: "message", id: "person", text: "Con gusto. Antes, un dato:", next: "person_name" },
    {
      kind: "question",
      id: "person_name",
      prompt: "¿Cuál es tu nombre y apellido?",
      field: "name",
      next: "person_handoff",
    },
    {
      kind: "handoff",
      id: "person_handoff",
      text: "Gracias. Te comunico con una persona de nuestro equipo.",
    },
  ],
};
