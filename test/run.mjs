// npm test: makes sure Debian's Chromium is there for the end-to-end tests and poppler for the
// tests that render PDFs, builds the web apps the end-to-end tests drive, then runs every test
// (unit, integration against the local emulators, e2e).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const PDFTOPPM = "/usr/bin/pdftoppm";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log("Chromium is missing: installing Debian's chromium with apt…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"]);
  } else {
    console.error(`The end-to-end tests need ${CHROMIUM}. Install it with: sudo apt-get install chromium`);
    process.exit(1);
  }
}

if (!existsSync(PDFTOPPM)) {
  if (process.getuid?.() === 0) {
    console.log("Poppler is missing: installing Debian's poppler-utils with apt…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "poppler-utils"]);
  } else {
    console.error(`The PDF tests need ${PDFTOPPM}. Install it with: sudo apt-get install poppler-utils`);
    process.exit(1);
  }
}

run("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
run("npx", ["vitest", "run", ...process.argv.slice(2)]);
