import { readFileSync } from "node:fs";
import type { Context, Hono } from "hono";

const PAGES = new URL("./pages/", import.meta.url);

/**
 * Only our own files: the pages have no inline script or style, so a business message carrying
 * markup (see test/fixtures' XSS payloads) could not run even if it reached the DOM as HTML.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES: Record<string, string> = { css: "text/css", js: "text/javascript" };

function secure(c: Context, type: string) {
  c.header("content-type", `${type}; charset=utf-8`);
  c.header("content-security-policy", CONTENT_SECURITY_POLICY);
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  c.header("cache-control", "no-cache");
}

/**
 * A simulator's page at `/` and its files from `pages/` (read once, at mount), each sent with
 * the strict CSP and never cached.
 */
export function serveSimulatorPage(app: Hono, html: string, files: readonly string[]) {
  app.get("/", (c) => {
    secure(c, "text/html");
    return c.body(html);
  });
  for (const file of files) {
    const content = readFileSync(new URL(file, PAGES), "utf8");
    const type = TYPES[file.split(".").pop() ?? ""] ?? "text/plain";
    app.get(`/${file}`, (c) => {
      secure(c, type);
      return c.body(content);
    });
  }
}
