import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";

export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/**
 * The CSP of every page: scripts and styles only from us, files from the bucket, sockets to
 * us. The chat page may be framed by any host site (that is what the embed script does); the
 * console may not be framed at all.
 */
export function contentSecurityPolicy(filesOrigin: string, framing: "any" | "none", inlineStyles = false) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ""}`,
    `img-src 'self' data: blob: ${filesOrigin}`,
    `media-src 'self' blob: ${filesOrigin}`,
    `connect-src 'self' ${filesOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framing === "any" ? "*" : "'none'"}`,
  ].join("; ");
}

/** Serves the built web apps the way CloudFront does in AWS. */
// biome-ignore lint/suspicious/noExplicitAny: any hono app, whatever its environment
export function serveWeb(app: Hono<any>, filesOrigin: string) {
  if (!existsSync(WEB_DIST)) throw new Error("web/dist is missing: run `npm run build:web` first");
  const page = (file: string, framing: "any" | "none", inlineStyles = false) =>
    serveStatic({
      root: WEB_DIST,
      rewriteRequestPath: () => file,
      onFound: (_path, c) => {
        c.header("content-security-policy", contentSecurityPolicy(filesOrigin, framing, inlineStyles));
        c.header("x-content-type-options", "nosniff");
        c.header("referrer-policy", "no-referrer");
        c.header("cache-control", "no-cache");
      },
    });
  app.get("/", (c) => c.redirect("/console"));
  app.get("/console", page("/console/index.html", "none"));
  app.get("/console/*", page("/console/index.html", "none"));
  app.get("/chat", page("/widget/index.html", "any"));
  app.get("/portal", page("/portal/index.html", "none"));
  // swagger-ui sets style attributes as it renders; only this page allows them.
  app.get("/docs", page("/docs/index.html", "none", true));
  app.get(
    "/*",
    serveStatic({
      root: WEB_DIST,
      onFound: (path, c) => {
        c.header("x-content-type-options", "nosniff");
        c.header(
          "cache-control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
}
