import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WEB_DIST } from "../../../infra/local/serve-web.js";

/** First-load JavaScript budgets, gzip: what a browser must fetch before the page can work. */
const BUDGET_BYTES = { console: 80 * 1024, chat: 35 * 1024, portal: 35 * 1024 };

/** Every script a page loads before it runs: its module entries and their preloaded chunks. */
function firstLoadScripts(page: string) {
  const html = readFileSync(join(WEB_DIST, page), "utf8");
  const sources = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g),
  ].map((match) => match[1]!);
  return [...new Set(sources)];
}

function gzipBytes(files: string[]) {
  return files.reduce((total, file) => total + gzipSync(readFileSync(join(WEB_DIST, file))).length, 0);
}

describe("web bundles", () => {
  it("exist (npm test builds them first)", () => {
    expect(existsSync(join(WEB_DIST, "console/index.html")), "run npm run build:web").toBe(true);
  });

  it.each([
    ["console", "console/index.html"],
    ["chat", "widget/index.html"],
    ["portal", "portal/index.html"],
  ] as const)("keeps the %s page's first-load JavaScript within its gzip budget", (name, page) => {
    const scripts = firstLoadScripts(page);
    const bytes = gzipBytes(scripts);
    console.log(`${name}: ${(bytes / 1024).toFixed(1)} KB gzip first-load JS (${scripts.join(", ")})`);

    expect(scripts.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES[name]);
  });

  it("keeps the embed script small and self-contained", () => {
    const script = readFileSync(join(WEB_DIST, "widget.js"), "utf8");

    expect(script).not.toMatch(/^\s*import\b|\bimport\s*\(/m);
    expect(gzipSync(script).length).toBeLessThanOrEqual(5 * 1024);
  });
});
