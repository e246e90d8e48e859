import type { Ports } from "../ports.js";
import type { GuidedContactItem } from "./guided-contact.js";
import { publishedTreeVersion } from "./script-versions.js";

/** The tree version the contact started with: published versions never change, so edits since do not reach it. */
export const treeOf = (ports: Pick<Ports, "db">, item: Pick<GuidedContactItem, "tenantId" | "version">) =>
  publishedTreeVersion(ports, item.tenantId, item.version);
