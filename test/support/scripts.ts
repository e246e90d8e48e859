import type { ScriptTree } from "../../shared/scripts/index.js";
import { api } from "./api.js";

/** Saves `tree` over the tenant's draft (or as a new one) and publishes it, as an admin does in "Guiones". */
export async function publishTree(url: string, adminToken: string, tree: ScriptTree) {
  const { body: list } = await api(url, "/api/admin/scripts", { token: adminToken });
  const latest = list.versions[0];
  const draft = await api(url, "/api/admin/scripts/draft", {
    method: "PUT",
    token: adminToken,
    body: { tree, revision: latest?.state === "draft" ? latest.revision : 0 },
  });
  if (draft.status !== 200) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const published = await api(url, `/api/admin/scripts/${draft.body.version}/publish`, {
    method: "POST",
    token: adminToken,
    body: { revision: draft.body.revision },
  });
  if (published.status !== 200)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return draft.body.version as number;
}
