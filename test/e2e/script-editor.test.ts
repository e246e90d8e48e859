import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
import { createAdmin, createTenant, type TestStaff, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";
import {
  addBranch,
  addStep,
  branch,
  buildSeedTree,
  dragBranch,
  editProcedure,
  openScripts,
  publishTree,
  SEED_IDS,
  saveDraft,
  step,
} from "./support/build-seed-tree.js";

const stack = useStack();
let admin: TestStaff;
let tenantId: string;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  const [tenant, launched] = await Promise.all([createTenant(stack, { agents: 0 }), launchChromium()]);
  browser = launched;
  tenantId = tenant.tenantId;
  admin = await createAdmin(stack, tenantId);
});

afterAll(async () => {
  await browser?.cleanup();
});

/** The draft the server holds, newest version. */
async function serverDraft() {
  const { body } = await api(stack.url, "/api/admin/scripts", { token: admin.token });
  const latest = await api(stack.url, `/api/admin/scripts/${body.versions[0].version}`, {
    token: admin.token,
  });
  return { publishedVersion: body.publishedVersion as number | undefined, ...latest.body };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("the admin's script editor", () => {
  it("builds seed 001's tree, moves branches with the keyboard and by dragging, and publishes once no path is a dead end", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await signIn(page, stack.url, admin);
    const editor = await openScripts(page);
    await editor.getByText("Aún no hay ninguna versión guardada.").first().waitFor();

    await buildSeedTree(editor);
    const built = await serverDraft();
    const datos = built.tree.tipos[0];
    expect(datos).toMatchObject({
      id: SEED_IDS.tipo,
      name: "Datos (Internet)",
      aliases: ["Soporte técnico › Internet"],
    });
    expect(datos.motivos[0]).toMatchObject({
      id: SEED_IDS.motivo,
      validates: ["name", "documentNumber"],
      aliases: ["Soporte técnico › Internet › Sin conexión"],
    });
    expect(ids(datos.motivos[0].escenarios)).toEqual(SEED_IDS.escenarios);
    expect(datos.motivos[0].escenarios[0].procedure).toEqual({
      start: "paso-2",
      steps: [
        { kind: "exit", id: "fin", tag: "equipment_replacement" },
        {
          kind: "question",
          id: "paso-2",
          text: "¿Qué luces tiene encendidas el cable modem?",
          options: [
            { id: "si", label: "Ninguna", next: "paso-3" },
            { id: "no", label: "Todas normales", next: "paso-5" },
          ],
        },
        { kind: "field", id: "paso-3", label: "Número de serie del equipo", type: "text", next: "paso-4" },
        {
          kind: "action",
          id: "paso-4",
          action: "technical_complaint",
          text: "Levantar queja técnica para cambio de cable modem",
          next: "fin",
        },
        { kind: "exit", id: "paso-5", tag: "resolved_on_call" },
      ],
    });
    expect(built.problems).toEqual([]);

    // The keyboard: "Configuración del equipo" goes one place up among its siblings, and keeps the focus.
    const motivoPath = `${SEED_IDS.tipo}/${SEED_IDS.motivo}`;
    const configuracion = editor.locator(`[data-grip="${motivoPath}/configuracion-del-equipo"]`);
    await configuracion.focus();
    await page.keyboard.press("Alt+ArrowUp");
    await editor.getByText("Rama movida y borrador guardado.").waitFor();
    await expect
      .poll(async () => ids((await serverDraft()).tree.tipos[0].motivos[0].escenarios))
      .toEqual(["cable-modem-danado", "falla-en-la-zona", "configuracion-del-equipo", "computadora-danada"]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-grip")))
      .toBe(`${motivoPath}/configuracion-del-equipo`);

    // Drag and drop: a motivo added under the wrong tipo is dragged onto "Voz (Telefonía)".
    await addBranch(editor, "tipo", "Voz (Telefonía)");
    await addBranch(branch(editor, SEED_IDS.tipo), "motivo", "No tiene tono");
    await addBranch(branch(editor, `${SEED_IDS.tipo}/no-tiene-tono`), "escenario", "Línea dañada");
    await saveDraft(editor);
    await dragBranch(
      editor.locator(`[data-grip="${SEED_IDS.tipo}/no-tiene-tono"]`),
      branch(editor, "voz-telefonia").locator(".script-branch-head").first(),
    );
    await editor.getByText("Rama movida y borrador guardado.").waitFor();
    await branch(editor, "voz-telefonia/no-tiene-tono").waitFor();
    const moved = (await serverDraft()).tree;
    expect(moved.tipos.map((t: { id: string; motivos: { id: string }[] }) => [t.id, ids(t.motivos)])).toEqual(
      [
        [SEED_IDS.tipo, [SEED_IDS.motivo]],
        ["voz-telefonia", ["no-tiene-tono"]],
      ],
    );

    // A whole tipo goes up with the keyboard, everything under it along.
    await editor.locator('[data-grip="voz-telefonia"]').focus();
    await page.keyboard.press("Alt+ArrowUp");
    await expect
      .poll(async () => ids((await serverDraft()).tree.tipos))
      .toEqual(["voz-telefonia", SEED_IDS.tipo]);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-grip")))
      .toBe("voz-telefonia");

    // "Computadora dañada" going round in circles: publishing refuses it, and says where.
    await editProcedure(editor, "Computadora dañada");
    await addStep(editor, "Instrucción", "paso-2");
    await addStep(editor, "Instrucción", "paso-3");
    await step(editor, "paso-2")
      .getByLabel("Instrucción", { exact: true })
      .fill("Revise el cable de corriente.");
    await step(editor, "paso-3").getByLabel("Instrucción", { exact: true }).fill("Vuelva a revisarlo.");
    await step(editor, "paso-2").getByLabel("Paso siguiente").selectOption("paso-3");
    await step(editor, "paso-3").getByLabel("Paso siguiente").selectOption("paso-2");
    await editor.getByLabel("Paso inicial").selectOption("paso-2");
    await editor.getByRole("button", { name: "Publicar" }).click();
    await editor.getByText(/^No se puede publicar\. Problemas encontrados: \d+/).waitFor();
    await step(editor, "paso-3")
      .getByText("Ciclo: el paso paso-3 vuelve a paso-2; un procedimiento siempre avanza.")
      .waitFor();
    await step(editor, "paso-2")
      .getByText(
        "Callejón sin salida: desde el paso paso-2 (por paso-3) no se llega a ninguna etiqueta de salida.",
      )
      .waitFor();
    await branch(editor, `${motivoPath}/computadora-danada`)
      .getByText(/^Problemas: \d+$/)
      .waitFor();
    // What the lists show is what was chosen, after the save and the refusal too.
    expect(await step(editor, "paso-2").getByLabel("Paso siguiente").inputValue()).toBe("paso-3");
    expect(await step(editor, "paso-3").getByLabel("Paso siguiente").inputValue()).toBe("paso-2");
    expect(await accessibilityViolations(page)).toEqual([]);
    const refused = await serverDraft();
    expect(refused.publishedVersion).toBeUndefined();
    expect(refused.state).toBe("draft");

    // Mended: the second check leads to the exit; the tree is published.
    await step(editor, "paso-3").getByLabel("Paso siguiente").selectOption("fin");
    await publishTree(editor);
    const published = await serverDraft();
    expect(published).toMatchObject({ state: "published", version: published.publishedVersion });
    expect(
      published.tree.tipos[1].motivos[0].escenarios[3].procedure.steps.map((s: { next?: string }) => s.next),
    ).toEqual([undefined, "paso-3", "fin"]);
    await editor.getByRole("row").filter({ hasText: "Publicada (en uso)" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it("exports the tree, refuses broken files in words, imports a file back, and tells the second of two admins to reload", async () => {
    const context = await browser.newContext({ locale: "es-ES", acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, stack.url, admin);
    const editor = await openScripts(page);
    const { publishedVersion } = await serverDraft();
    await editor
      .getByText(`Versión ${publishedVersion} publicada; al guardar se crea un borrador nuevo`)
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      editor.getByRole("button", { name: "Exportar JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`script-tree-v${publishedVersion}.json`);
    const file = await readFile((await download.path())!, "utf8");
    const exported = await fetch(`${stack.url}/api/admin/scripts/${publishedVersion}/export`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(file).toBe(await exported.text());

    const versionsBefore = (await api(stack.url, "/api/admin/scripts", { token: admin.token })).body;
    const importInput = editor.getByLabel("Importar JSON");
    await importInput.setInputFiles({
      name: "roto.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ nope"),
    });
    await editor.getByText("El archivo no es JSON válido. No se ha importado nada.").waitFor();
    await importInput.setInputFiles({
      name: "otro.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ tipos: 3 })),
    });
    await editor.getByText(/^El archivo no es un árbol de guiones \(revisa: tipos, exitTags\)/).waitFor();
    expect((await api(stack.url, "/api/admin/scripts", { token: admin.token })).body).toEqual(versionsBefore);

    await importInput.setInputFiles({
      name: "arbol.json",
      mimeType: "application/json",
      buffer: Buffer.from(file),
    });
    await editor.getByText(/^arbol\.json importado como borrador \(versión \d+\)\./).waitFor();
    const imported = await serverDraft();
    expect(imported.state).toBe("draft");
    expect(`${JSON.stringify(imported.tree, null, 2)}\n`).toBe(file);

    // Another admin saves the same draft first: this one's save is refused, and nothing of hers is lost.
    const other = await createAdmin(stack, tenantId, "Beto Admin");
    const theirs = structuredClone(imported.tree);
    const datosOf = (tree: { tipos: { id: string; name: string }[] }) =>
      tree.tipos.find((tipo) => tipo.id === SEED_IDS.tipo)!;
    datosOf(theirs).name = "Datos (de Beto)";
    const saved = await api(stack.url, "/api/admin/scripts/draft", {
      method: "PUT",
      token: other.token,
      body: { tree: theirs, revision: imported.revision },
    });
    expect(saved.status).toBe(200);
    await branch(editor, SEED_IDS.tipo).getByLabel("Tipo", { exact: true }).fill("Datos (de Alex)");
    await editor.getByRole("button", { name: "Guardar borrador" }).click();
    await editor.getByText(/^Otra persona guardó o publicó el árbol mientras lo editabas/).waitFor();
    expect(datosOf((await serverDraft()).tree).name).toBe("Datos (de Beto)");
    expect(await accessibilityViolations(page)).toEqual([]);
    await editor.getByRole("button", { name: "Recargar" }).click();
    await editor.getByText("Árbol recargado.").waitFor();
    expect(await branch(editor, SEED_IDS.tipo).getByLabel("Tipo", { exact: true }).inputValue()).toBe(
      "Datos (de Beto)",
    );
    await context.close();
  });
});
