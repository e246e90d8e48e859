import type { Locator, Page } from "playwright-core";

/** The ids the editor gives seed 001's example, from the names typed in. */
export const SEED_IDS = {
  tipo: "datos-internet",
  motivo: "no-puede-navegar-en-su-computadora",
  cableModem: "cable-modem-danado",
  escenarios: ["cable-modem-danado", "falla-en-la-zona", "computadora-danada", "configuracion-del-equipo"],
} as const;

/** The admin's "Guiones" section, opened from the console's header. */
export async function openScripts(page: Page) {
  await page.getByRole("button", { name: "Guiones" }).click();
  const editor = page.getByRole("main", { name: "Guiones de atención" });
  await editor.getByRole("button", { name: "Guardar borrador" }).waitFor();
  return editor;
}

/** The outline's item of a branch, by its path (`tipo`, `tipo/motivo`, `tipo/motivo/escenario`). */
export const branch = (editor: Locator, path: string) => editor.locator(`li[data-branch="${path}"]`);

/** One step of the procedure on screen. */
export const step = (editor: Locator, id: string) => editor.locator(`li[data-step="${id}"]`);

/** Adds a branch under the parent whose item is `scope` (the whole editor for a tipo). */
export async function addBranch(scope: Locator, kind: "tipo" | "motivo" | "escenario", name: string) {
  const labels = {
    tipo: ["Nuevo tipo", "Añadir tipo"],
    motivo: ["Nuevo motivo", "Añadir motivo"],
    escenario: ["Nuevo escenario", "Añadir escenario"],
  } as const;
  const [field, button] = labels[kind];
  const form = scope
    .locator("form.script-add")
    .filter({ has: scope.page().getByLabel(field, { exact: true }) });
  await form.last().getByLabel(field, { exact: true }).fill(name);
  await form.last().getByRole("button", { name: button }).click();
}

export async function addExitTag(editor: Locator, tag: { code: string; es: string; en: string }) {
  await editor.getByLabel("Código de la etiqueta nueva").fill(tag.code);
  await editor.getByLabel("Nombre en español").fill(tag.es);
  await editor.getByLabel("Nombre en inglés").fill(tag.en);
  await editor.getByRole("button", { name: "Añadir etiqueta" }).click();
  await editor.locator(`li[data-tag="${tag.code}"]`).waitFor();
}

/** Opens an escenario's procedure in the editor. */
export async function editProcedure(editor: Locator, name: string) {
  await editor.getByRole("button", { name: `Editar el procedimiento de «${name}»` }).click();
  await editor.getByRole("heading", { name: `Procedimiento: ${name}` }).waitFor();
}

/** Adds a step of `kind` (as the select names it) to the procedure on screen; its id is `paso-<n>`. */
export async function addStep(editor: Locator, kind: string, id: string) {
  await editor.getByLabel("Clase del paso nuevo").selectOption({ label: kind });
  await editor.getByRole("button", { name: "Añadir paso" }).click();
  await step(editor, id).waitFor();
}

/**
 * Drags a branch's grip onto `target` with the HTML5 drag events the editor listens to. Headless
 * Chromium starts no native drag from Playwright's mouse (`dragTo` fires none of them here), so
 * the events are dispatched as the browser would, carrying one DataTransfer.
 */
export async function dragBranch(grip: Locator, target: Locator) {
  const dataTransfer = await grip.page().evaluateHandle(() => new DataTransfer());
  await grip.dispatchEvent("dragstart", { dataTransfer });
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
  await grip.dispatchEvent("dragend", { dataTransfer });
}

/** Saves the draft and waits for the editor to say so. */
export async function saveDraft(editor: Locator) {
  await editor.getByRole("button", { name: "Guardar borrador" }).click();
  await editor.getByText(/^Borrador guardado \(versión \d+\)/).waitFor();
}

/** Publishes and waits for the editor to say which version new contacts follow. */
export async function publishTree(editor: Locator) {
  await editor.getByRole("button", { name: "Publicar" }).click();
  await editor.getByText(/^Versión \d+ publicada: los contactos nuevos la siguen\./).waitFor();
}

/**
 * Drives the admin's editor (already open, on an empty tree) to build seed 001's example and
 * saves it as a draft: DATOS (Internet) → "No puede navegar en su computadora" (validating the
 * document and the name) → four escenarios. "Cable modem dañado" asks which lights the modem
 * has: none → the equipment's serial number → a technical complaint → exit "Cambio de equipo";
 * all normal → exit "Resuelto en línea". The others end at once with their exit tag.
 */
export async function buildSeedTree(editor: Locator) {
  await addExitTag(editor, {
    code: "equipment_replacement",
    es: "Cambio de equipo",
    en: "Equipment replacement",
  });
  await addExitTag(editor, { code: "resolved_on_call", es: "Resuelto en línea", en: "Resolved on the call" });
  await addExitTag(editor, { code: "zone_outage", es: "Falla en la zona", en: "Outage in the area" });

  await addBranch(editor, "tipo", "Datos (Internet)");
  const tipo = branch(editor, SEED_IDS.tipo);
  await tipo
    .getByLabel("Cómo lo llaman el IVR y el chatbot (uno por línea)")
    .first()
    .fill("Soporte técnico › Internet");
  await addBranch(tipo, "motivo", "No puede navegar en su computadora");
  const motivo = branch(editor, `${SEED_IDS.tipo}/${SEED_IDS.motivo}`);
  await motivo
    .getByLabel("Cómo lo llaman el IVR y el chatbot (uno por línea)")
    .fill("Soporte técnico › Internet › Sin conexión");
  await motivo.getByRole("checkbox", { name: "Nombre" }).check();
  await motivo.getByRole("checkbox", { name: "Documento" }).check();
  for (const name of [
    "Cable modem dañado",
    "Falla en la zona",
    "Computadora dañada",
    "Configuración del equipo",
  ])
    await addBranch(motivo, "escenario", name);

  await editProcedure(editor, "Cable modem dañado");
  await addStep(editor, "Pregunta", "paso-2");
  await addStep(editor, "Dato a capturar", "paso-3");
  await addStep(editor, "Acción", "paso-4");
  await addStep(editor, "Salida", "paso-5");

  const question = step(editor, "paso-2");
  await question.getByLabel("Pregunta", { exact: true }).fill("¿Qué luces tiene encendidas el cable modem?");
  await question.getByLabel("Respuesta 1", { exact: true }).fill("Ninguna");
  await question.getByLabel("Paso siguiente de la respuesta 1").selectOption("paso-3");
  await question.getByLabel("Respuesta 2", { exact: true }).fill("Todas normales");
  await question.getByLabel("Paso siguiente de la respuesta 2").selectOption("paso-5");

  const field = step(editor, "paso-3");
  await field.getByLabel("Dato", { exact: true }).fill("Número de serie del equipo");
  await field.getByLabel("Paso siguiente").selectOption("paso-4");

  const action = step(editor, "paso-4");
  await action.getByRole("combobox", { name: /^Acción/ }).selectOption("technical_complaint");
  await action
    .getByLabel("Qué se le dice al agente")
    .fill("Levantar queja técnica para cambio de cable modem");
  await action.getByLabel("Paso siguiente").selectOption("fin");

  await step(editor, "paso-5").getByLabel("Etiqueta de salida").selectOption("resolved_on_call");
  await editor.getByLabel("Paso inicial").selectOption("paso-2");

  for (const [name, tag] of [
    ["Falla en la zona", "zone_outage"],
    ["Computadora dañada", "resolved_on_call"],
    ["Configuración del equipo", "resolved_on_call"],
  ] as const) {
    await editProcedure(editor, name);
    await step(editor, "fin").getByLabel("Etiqueta de salida").selectOption(tag);
  }
  await saveDraft(editor);
}
