import type { AutoReplySettings } from "../../shared/auto-reply/settings.js";

const WEEKDAY_HOURS = [{ from: "08:00", to: "20:00" }];

/**
 * The demo tenant's automatic replies (issue 6): Mexico City hours Mon–Fri 8–20 and Sat 9–14,
 * Mexico's 2026 official holidays plus the banks' (Holy Thursday and Friday, 12 December), an
 * acknowledgement, the out-of-hours text and a keyword reply for the airport's cash machines.
 */
export const DEMO_AUTO_REPLIES: AutoReplySettings = {
  timezone: "America/Mexico_City",
  hours: {
    mon: WEEKDAY_HOURS,
    tue: WEEKDAY_HOURS,
    wed: WEEKDAY_HOURS,
    thu: WEEKDAY_HOURS,
    fri: WEEKDAY_HOURS,
    sat: [{ from: "09:00", to: "14:00" }],
    sun: [],
  },
  holidays: [
    { date: "2026-01-01", name: "Año Nuevo" },
    { date: "2026-02-02", name: "Día de la Constitución" },
    { date: "2026-03-16", name: "Natalicio de Benito Juárez" },
    { date: "2026-04-02", name: "Jueves Santo" },
    { date: "2026-04-03", name: "Viernes Santo" },
    { date: "2026-05-01", name: "Día del Trabajo" },
    { date: "2026-09-16", name: "Día de la Independencia" },
    { date: "2026-11-16", name: "Día de la Revolución" },
    { date: "2026-12-12", name: "Día de la Virgen de Guadalupe" },
    { date: "2026-12-25", name: "Navidad" },
  ],
  acknowledgement: {
    enabled: true,
    text: "Recibimos tu mensaje. Te responderemos en unos {minutes} minutos; puedes cerrar el chat, te avisaremos aquí.",
    responseMinutes: 10,
    minutesPerQueuedCase: 4,
  },
  outOfHours: {
    enabled: true,
    text: "Ahora estamos fuera de horario. Te responderemos {opensAt}; puedes cerrar el chat, te avisaremos aquí.",
  },
  keywordRules: [
    {
      keywords: ["cajero", "cajeros", "cajero automático"],
      reply:
        "Puedes retirar sin comisión en los cajeros de nuestra red; en el aeropuerto están en la Terminal 1, junto a la puerta 5. Un agente te confirma en breve.",
    },
  ],
};
