import { AppError, ValidationError } from "../errors.js";
import { ScriptTree } from "./script-tree.js";

/** Trees travel between tenants and environments as files; a few hundred KB is a large one. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export class MalformedJsonError extends AppError {
  constructor(reason: string) {
    super("malformed_json", 400, `The file is not JSON: ${reason}`);
  }
}

/**
 * A tree from an exported file: JSON that parses, then a tree by the schema (every field named
 * with what is wrong). Whether it can be published is `treeProblems`' to say, as for a tree
 * edited by hand, so an imported tree can be saved as a draft and mended.
 */
export function parseTreeFile(text: string): ScriptTree {
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
    throw new ValidationError("The file is larger than a tree can be", { maxBytes: MAX_IMPORT_BYTES });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MalformedJsonError(error instanceof Error ? error.message : String(error));
  }
  const tree = ScriptTree.safeParse(json);
  if (!tree.success) {
    throw new ValidationError("The file is not a script tree", {
      code: "invalid_tree_file",
      issues: tree.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return tree.data;
}

/** What an export writes: the tree alone, stable and readable, so two exports of one tree are the same file. */
export function treeFile(tree: ScriptTree) {
  return `${JSON.stringify(ScriptTree.parse(tree), null, 2)}\n`;
}
