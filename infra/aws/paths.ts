import { fileURLToPath } from "node:url";

/** The repository root, so entries and assets resolve the same from `cdk synth` and from tests. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
