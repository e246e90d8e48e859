/** The host site's signed claim about its logged-in customer. */
export type HostIdentity = { externalId: string; signature: string; name?: string; email?: string };

export type PageConfig = {
  tenantId: string;
  /** Inside the launcher's iframe on a host site rather than the full `/chat` page. */
  embedded: boolean;
  lang: string | null;
  identity?: HostIdentity;
};

export const DEFAULT_TENANT = "demo";

/**
 * Reads the page's address. The identity travels in the fragment, which never reaches a
 * server log; the tenant and language are in the query.
 */
export function readPageConfig(url: URL): PageConfig {
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ""));
  const externalId = fragment.get("customerId");
  const signature = fragment.get("signature")?.toLowerCase();
  const name = fragment.get("name") || undefined;
  const email = fragment.get("email") || undefined;
  return {
    tenantId: url.searchParams.get("tenant") || DEFAULT_TENANT,
    embedded: url.searchParams.get("embed") === "1",
    lang: url.searchParams.get("lang"),
    ...(externalId &&
      signature && {
        identity: { externalId, signature, ...(name && { name }), ...(email && { email }) },
      }),
  };
}

/** The address without the fragment, so the signature does not stay in the history or a copied link. */
export function withoutFragment(url: URL) {
  const clean = new URL(url);
  clean.hash = "";
  return clean.toString();
}
