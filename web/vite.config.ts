import { cpSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

const root = dirname(fileURLToPath(import.meta.url));

/** The API reference page renders /openapi.json with swagger-ui, shipped with the site rather than from a CDN. */
function apiDocsAssets(): Plugin {
  return {
    name: "atiende-api-docs-assets",
    closeBundle() {
      const target = resolve(root, "dist/docs");
      mkdirSync(target, { recursive: true });
      const dist = resolve(root, "../node_modules/swagger-ui-dist");
      for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"])
        cpSync(resolve(dist, file), resolve(target, file));
    },
  };
}

/**
 * One build for every web app: the console (/console), the customer chat page (/chat), the
 * customer portal "Mi cuenta" (/portal), the one-line embed script (/widget.js) and the API
 * reference (/docs).
 */
export default defineConfig({
  root,
  base: "/",
  plugins: [solid(), apiDocsAssets()],
  build: {
    outDir: resolve(root, "dist"),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        console: resolve(root, "console/index.html"),
        chat: resolve(root, "widget/index.html"),
        portal: resolve(root, "portal/index.html"),
        docs: resolve(root, "docs/index.html"),
        widget: resolve(root, "widget/src/embed.ts"),
      },
      output: {
        // The embed script's address is what host sites paste; it cannot carry a hash.
        entryFileNames: (chunk) => (chunk.name === "widget" ? "widget.js" : "assets/[name]-[hash].js"),
      },
    },
  },
});
