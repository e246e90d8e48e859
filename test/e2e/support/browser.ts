import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { PASSWORD, type TestStaff } from "../../support/stack.js";

const require = createRequire(import.meta.url);

/**
 * Debian's Chromium, headless, with the flags this sandbox needs (no background network, no
 * GPU). Playwright gives every launch a fresh, temporary profile of its own.
 */
export async function launchChromium(): Promise<Browser & { cleanup: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  // Well under the test's own 30 s, so a stuck wait fails with Playwright's account of the
  // locator it waited for instead of a bare test timeout.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(15_000);
    return context;
  };
  return Object.assign(browser, { cleanup: () => browser.close() });
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core's WCAG 2.2 A/AA rules on the page as it is now. The source is evaluated through
 * the DevTools protocol, which the page's strict CSP does not block.
 */
export async function accessibilityViolations(page: Page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the evaluated source defines
    const result = await (window as any).axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations as AxeViolation[];
  }, WCAG_22_AA);
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Signs `staff` in to the console at `url` and waits until its WebSocket is live. */
export async function signIn(page: Page, url: string, staff: TestStaff) {
  await page.goto(`${url}/console`);
  await page.getByRole("textbox", { name: "Correo electrónico" }).fill(staff.email);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByRole("status").filter({ hasText: "En vivo" }).waitFor();
}
