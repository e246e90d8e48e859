import { createSignal, For, onMount, Show } from "solid-js";
import { createStore, produce, reconcile, unwrap } from "solid-js/store";
import type { AgentApi } from "../data/agent-api";
import { ApiError } from "../data/api-error";
import { describeError } from "../data/describe-error";
import {
  branchPath,
  type MoveBranch,
  type Procedure,
  type ScriptTree,
  type ScriptTreeVersion,
  type TreeProblem,
} from "../data/scripts";
import { useI18n } from "../providers/i18n-provider";
import { ProcedureEditor } from "../ui/procedure-editor";
import { ScriptProblems } from "../ui/script-problems";
import { ScriptTreeOutline, type Selection } from "../ui/script-tree-outline";

type Doc = {
  loaded: boolean;
  /** The version on screen, once saved; `revision` 0 when it is published (a save starts a new draft). */
  version?: number;
  revision: number;
  publishedVersion?: number;
  versions: ScriptTreeVersion[];
  problems: TreeProblem[];
  dirty: boolean;
};

/** The issues a refused file or save names, as field paths. */
const issuePaths = (error: ApiError) =>
  (Array.isArray(error.details.issues) ? error.details.issues : [])
    .map((issue: { path?: string }) => issue.path || "—")
    .slice(0, 6)
    .join(", ");

/**
 * "Guiones" (issue 7, seed 001), for admins: the tree every contact follows (tipo → motivo →
 * escenarios → a procedure each), edited as a draft and published as a version; contacts
 * already under way keep the version they started with. Loaded only when first opened.
 */
export default function ScriptsPage(props: { api: AgentApi }) {
  const { t } = useI18n();
  const [tree, setTree] = createStore<ScriptTree>({ tipos: [], exitTags: [] });
  const [doc, setDoc] = createStore<Doc>({
    loaded: false,
    revision: 0,
    versions: [],
    problems: [],
    dirty: false,
  });
  const [selected, setSelected] = createSignal<Selection>();
  const [status, setStatus] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const [stale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [newTag, setNewTag] = createStore({ code: "", es: "", en: "" });

  async function load() {
    const list = await props.api.scriptTrees();
    const latest = list.versions[0];
    const detail = latest ? await props.api.scriptTree(latest.version) : undefined;
    setTree(reconcile(detail?.tree ?? { tipos: [], exitTags: [] }));
    setDoc({
      loaded: true,
      version: latest?.version,
      revision: latest?.state === "draft" ? latest.revision : 0,
      publishedVersion: list.publishedVersion,
      versions: list.versions,
      problems: detail?.problems ?? [],
      dirty: false,
    });
    setStale(false);
  }

  async function refreshVersions() {
    const list = await props.api.scriptTrees();
    setDoc({ versions: list.versions, publishedVersion: list.publishedVersion });
  }

  function fail(error: unknown) {
    if (!(error instanceof ApiError)) return setFailure(describeError(error, t));
    const code = typeof error.details.code === "string" ? error.details.code : error.code;
    if (code === "stale_draft") {
      setStale(true);
      return setFailure(t("scripts.stale"));
    }
    if (code === "invalid_tree") {
      const problems = (error.details.problems ?? []) as TreeProblem[];
      setDoc("problems", problems);
      return setFailure(t("scripts.publishRefused", { count: problems.length }));
    }
    if (code === "malformed_json") return setFailure(t("scripts.malformedJson"));
    if (code === "invalid_tree_file")
      return setFailure(t("scripts.invalidTreeFile", { fields: issuePaths(error) }));
    if (code === "invalid_request")
      return setFailure(t("scripts.invalidFields", { fields: issuePaths(error) }));
    if (code === "branch_not_found" || code === "branch_id_taken")
      return setFailure(t(`scripts.${code}`, { path: String(error.details.path ?? "") }));
    setFailure(describeError(error, t));
  }

  /** Runs one server call at a time, saying how it went in the live region. */
  async function run(work: () => Promise<string | undefined>) {
    setBusy(true);
    setFailure("");
    setStatus("");
    try {
      const done = await work();
      if (done) setStatus(done);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  onMount(
    () =>
      void run(async () => {
        await load();
        return undefined;
      }),
  );

  const update = (change: (tree: ScriptTree) => void) => {
    setTree(produce(change));
    setDoc("dirty", true);
  };

  /** Saves the screen's tree over the revision it was loaded at: never over someone else's save. */
  async function saveDraft() {
    const saved = await props.api.saveScriptTree({ tree: unwrap(tree), revision: doc.revision });
    setDoc({ version: saved.version, revision: saved.revision, problems: saved.problems, dirty: false });
    await refreshVersions();
    return saved;
  }

  const saveIfDirty = async () => {
    if (doc.dirty || doc.version === undefined) await saveDraft();
  };

  const save = () =>
    run(async () => {
      const saved = await saveDraft();
      return saved.problems.length > 0
        ? t("scripts.savedWithProblems", { version: saved.version, count: saved.problems.length })
        : t("scripts.saved", { version: saved.version });
    });

  const publish = () =>
    run(async () => {
      await saveIfDirty();
      if (doc.revision === 0) return t("scripts.alreadyPublished", { version: doc.version ?? 0 });
      const published = await props.api.publishScriptTree(doc.version!, doc.revision);
      setDoc({ revision: 0, problems: [] });
      await refreshVersions();
      return t("scripts.published", { version: published.version });
    });

  const republish = (version: number) =>
    run(async () => {
      await props.api.publishScriptTree(version, 1);
      await refreshVersions();
      return t("scripts.published", { version });
    });

  /** Where the selected escenario is after a move, so its procedure stays on screen. */
  function followMove(move: MoveBranch) {
    const current = selected();
    if (!current) return;
    if (move.kind === "motivo" && current.tipo === move.from.tipo && current.motivo === move.from.motivo)
      setSelected({ ...current, tipo: move.to.tipo });
    if (
      move.kind === "escenario" &&
      current.tipo === move.from.tipo &&
      current.motivo === move.from.motivo &&
      current.escenario === move.from.escenario
    )
      setSelected({ ...current, tipo: move.to.tipo, motivo: move.to.motivo });
  }

  const move = (branch: MoveBranch, focus: string) =>
    run(async () => {
      await saveIfDirty();
      await props.api.moveScriptBranch({ move: branch, revision: doc.revision });
      await load();
      followMove(branch);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-grip="${focus}"]`)?.focus());
      return t("scripts.moved");
    });

  const exportFile = () =>
    run(async () => {
      await saveIfDirty();
      const version = doc.version!;
      const url = URL.createObjectURL(await props.api.exportScriptTree(version));
      const link = document.createElement("a");
      link.href = url;
      link.download = `script-tree-v${version}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      return t("scripts.exported", { version });
    });

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    void run(async () => {
      const saved = await props.api.importScriptTree({ file: await file.text(), revision: doc.revision });
      await load();
      setSelected(undefined);
      return t("scripts.imported", { name: file.name, version: saved.version });
    });
  };

  const escenario = () => {
    const at = selected();
    return tree.tipos
      .find((x) => x.id === at?.tipo)
      ?.motivos.find((x) => x.id === at?.motivo)
      ?.escenarios.find((x) => x.id === at?.escenario);
  };
  const updateProcedure = (change: (procedure: Procedure) => void) => {
    const at = selected();
    if (!at) return;
    update((draft) => {
      const found = draft.tipos
        .find((x) => x.id === at.tipo)
        ?.motivos.find((x) => x.id === at.motivo)
        ?.escenarios.find((x) => x.id === at.escenario);
      if (found) change(found.procedure);
    });
  };

  const addTag = (event: SubmitEvent) => {
    event.preventDefault();
    if (!newTag.code.trim()) return;
    update((draft) => {
      draft.exitTags.push({ code: newTag.code.trim(), es: newTag.es.trim(), en: newTag.en.trim() });
    });
    setNewTag({ code: "", es: "", en: "" });
  };

  const stateOf = (version: ScriptTreeVersion) =>
    version.version === doc.publishedVersion
      ? t("scripts.stateCurrent")
      : t(version.state === "draft" ? "scripts.stateDraft" : "scripts.statePublished");

  return (
    <main class="scripts-page" aria-labelledby="scripts-heading">
      <h2 id="scripts-heading">{t("scripts.heading")}</h2>
      <p class="muted">{t("scripts.intro")}</p>
      <div class="scripts-toolbar">
        <button type="button" class="primary" disabled={busy() || !doc.loaded} onClick={save}>
          {t("scripts.save")}
        </button>
        <button type="button" disabled={busy() || !doc.loaded} onClick={publish}>
          {t("scripts.publish")}
        </button>
        <button
          type="button"
          disabled={busy() || !doc.loaded || tree.tipos.length === 0}
          onClick={exportFile}
        >
          {t("scripts.export")}
        </button>
        <label class="scripts-import">
          {t("scripts.import")}
          <input
            type="file"
            accept=".json,application/json"
            disabled={busy() || !doc.loaded}
            onChange={(e) => importFile(e.currentTarget)}
          />
        </label>
        <span class="muted">
          {doc.version === undefined
            ? t("scripts.noVersion")
            : t(doc.revision === 0 ? "scripts.onScreenPublished" : "scripts.onScreenDraft", {
                version: doc.version,
                revision: doc.revision,
              })}
          {doc.dirty ? ` · ${t("scripts.unsaved")}` : ""}
        </span>
      </div>
      <div aria-live="polite" class="scripts-outcome">
        <Show when={status()}>
          <p>{status()}</p>
        </Show>
        <Show when={failure()}>
          <p class="form-problems">{failure()}</p>
          <Show when={stale()}>
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  await load();
                  return t("scripts.reloaded");
                })
              }
            >
              {t("scripts.reload")}
            </button>
          </Show>
        </Show>
      </div>
      <Show when={doc.loaded} fallback={<p role="status">{t("console.loading")}</p>}>
        <div class="scripts-layout">
          <ScriptTreeOutline
            tree={tree}
            problems={doc.problems}
            selected={selected()}
            busy={busy()}
            onSelect={setSelected}
            update={update}
            onMove={(branch, focus) => void move(branch, focus)}
          />
          <div class="scripts-side">
            <Show when={escenario()} fallback={<p class="muted">{t("scripts.pickEscenario")}</p>}>
              {(found) => (
                <ProcedureEditor
                  procedure={found().procedure}
                  path={branchPath(selected()!.tipo, selected()!.motivo, selected()!.escenario)}
                  name={found().name}
                  exitTags={tree.exitTags}
                  problems={doc.problems}
                  update={updateProcedure}
                />
              )}
            </Show>
            <section class="exit-tags" aria-labelledby="exit-tags-heading">
              <h3 id="exit-tags-heading">{t("scripts.exitTags")}</h3>
              <ScriptProblems problems={doc.problems.filter((p) => p.path === "exitTags")} />
              <ul>
                <For each={tree.exitTags}>
                  {(tag, index) => (
                    <li data-tag={tag.code}>
                      <label>
                        {t("scripts.tagCode")}
                        <input
                          value={tag.code}
                          maxLength={60}
                          onInput={(e) => {
                            const code = e.currentTarget.value;
                            update((draft) => {
                              draft.exitTags[index()]!.code = code;
                            });
                          }}
                        />
                      </label>
                      <label>
                        {t("scripts.tagEs")}
                        <input
                          value={tag.es}
                          maxLength={120}
                          onInput={(e) => {
                            const es = e.currentTarget.value;
                            update((draft) => {
                              draft.exitTags[index()]!.es = es;
                            });
                          }}
                        />
                      </label>
                      <label>
                        {t("scripts.tagEn")}
                        <input
                          value={tag.en}
                          maxLength={120}
                          onInput={(e) => {
                            const en = e.currentTarget.value;
                            update((draft) => {
                              draft.exitTags[index()]!.en = en;
                            });
                          }}
                        />
                      </label>
                      <button
                        type="button"
                        aria-label={t("scripts.removeNamed", { name: tag.code })}
                        onClick={() =>
                          update((draft) => {
                            draft.exitTags = draft.exitTags.filter((_, i) => i !== index());
                          })
                        }
                      >
                        {t("scripts.remove")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
              <form class="exit-tag-add" onSubmit={addTag}>
                <label>
                  {t("scripts.newTagCode")}
                  <input
                    value={newTag.code}
                    maxLength={60}
                    pattern="[a-z0-9][a-z0-9_\-]*"
                    onInput={(e) => setNewTag("code", e.currentTarget.value)}
                  />
                </label>
                <label>
                  {t("scripts.newTagEs")}
                  <input
                    value={newTag.es}
                    maxLength={120}
                    onInput={(e) => setNewTag("es", e.currentTarget.value)}
                  />
                </label>
                <label>
                  {t("scripts.newTagEn")}
                  <input
                    value={newTag.en}
                    maxLength={120}
                    onInput={(e) => setNewTag("en", e.currentTarget.value)}
                  />
                </label>
                <button type="submit">{t("scripts.addTag")}</button>
              </form>
            </section>
            <section class="script-versions" aria-labelledby="script-versions-heading">
              <h3 id="script-versions-heading">{t("scripts.versions")}</h3>
              <Show when={doc.versions.length > 0} fallback={<p class="muted">{t("scripts.noVersion")}</p>}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("scripts.version")}</th>
                      <th scope="col">{t("scripts.state")}</th>
                      <th scope="col">{t("scripts.savedBy")}</th>
                      <th scope="col">{t("scripts.updatedAt")}</th>
                      <th scope="col">
                        <span class="visually-hidden">{t("scripts.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={doc.versions}>
                      {(version) => (
                        <tr data-version={version.version}>
                          <td>{version.version}</td>
                          <td>{stateOf(version)}</td>
                          <td>{version.savedBy}</td>
                          <td>{new Date(version.updatedAt).toLocaleString()}</td>
                          <td>
                            <Show
                              when={version.state === "published" && version.version !== doc.publishedVersion}
                            >
                              <button
                                type="button"
                                disabled={busy()}
                                aria-label={t("scripts.republishNamed", { version: version.version })}
                                onClick={() => republish(version.version)}
                              >
                                {t("scripts.republish")}
                              </button>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </section>
          </div>
        </div>
      </Show>
    </main>
  );
}
