import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../../events/rules.js";
import { writeLayerContent } from "../../../infra/aws/constructs/dependencies-layer.js";
import { BUNDLING } from "../../../infra/aws/constructs/node-function.js";
import { PROJECT_ROOT } from "../../../infra/aws/paths.js";
import { CHANNEL_SECRET_SOURCES } from "../../../infra/aws/stacks/data-stack.js";
import { ENTRIES } from "../../../infra/aws/stacks/service-stack.js";

/** Cold starts grow with the code Lambda loads; a bundle past this is a dependency to question. */
const BUNDLE_BUDGET_BYTES = 200 * 1024;

/**
 * The unzipped layer, shared by every function (Lambda allows 250 MB with the function). About
 * half of it is never loaded: zod's, hono's and nodemailer's CommonJS builds, which nothing
 * requires, and openapi3-ts's yaml. It stays, as stripping package by package would break the
 * day a dependency starts to load it. E-mail (mailparser, with its own copy of nodemailer, and
 * nodemailer) takes about 2.5 MB of it. Printing (pdfkit, fontkit and theirs) takes about 14 MB,
 * most of it never loaded either: pdfkit's browser, standalone and legacy builds, fontkit's
 * four builds and its sources, brotli's encoder. Only the API imports pdfkit, and only when it prints.
 */
const LAYER_BUDGET_BYTES = 24 * 1024 * 1024;

/**
 * Every Lambda the CDK app deploys (the SES receiver with a mail domain only). Inline consumers
 * are not Lambdas: they ship inside every function that emits events.
 */
const LAMBDA_ENTRIES = [
  ...Object.values(ENTRIES),
  ...RULES.filter((rule) => rule.delivery === "bus").map((rule) => rule.entry),
];

const bundles = new Map<string, ReturnType<typeof bundle>>();

/** An entry built with the esbuild settings NodeFunction hands to NodejsFunction, once per run. */
function bundled(entry: string) {
  const existing = bundles.get(entry);
  if (existing) return existing;
  const result = bundle(entry);
  bundles.set(entry, result);
  return result;
}

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    outfile: "index.mjs",
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    external: BUNDLING.externalModules,
    logLevel: "silent",
  });
  const script = result.outputFiles.find((file) => file.path.endsWith(".mjs"));
  const sourceMap = result.outputFiles.find((file) => file.path.endsWith(".mjs.map"));
  if (!script || !sourceMap) throw new Error(`esbuild produced no script or source map for ${entry}`);
  const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
  return { script: script.contents, sourceMap: sourceMap.contents, inlined: inputs.filter(isLibraryCode) };
}

const isLibraryCode = (input: string) => input.split(/[\\/]/).includes("node_modules");

function directorySize(dir: string) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((bytes, entry) => bytes + statSync(join(entry.parentPath, entry.name)).size, 0);
}

describe("Lambda bundles", () => {
  it.each(LAMBDA_ENTRIES)(
    `keep %s under ${BUNDLE_BUDGET_BYTES / 1024} KB minified, libraries left to the layer`,
    async (entry) => {
      const { script, inlined } = await bundled(entry);
      console.log(`${entry}: ${(script.byteLength / 1024).toFixed(1)} KB`);
      expect(inlined, "library code bundled: add its package to LAYER_PACKAGES").toEqual([]);
      expect(script.byteLength).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    },
  );
});

/**
 * The layer, and each bundle loaded beside it the way Lambda lays them out. Lambda resolves a
 * bare import from /var/task, then through NODE_PATH: the layer's /opt/nodejs/node_modules and
 * the runtime's own SDK. Here the function's node_modules links to the layer, and a node_modules
 * above both holds only the project's @aws-sdk and @smithy, so a package missing from the layer
 * cannot be found anywhere. Secrets Manager, which the handlers read at import, is a local stub
 * answering each secret as CDK generates it.
 */
const SESSION_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:session";
const CHANNEL_SECRETS_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:channels";
const SECRETS: Record<string, string> = {
  [SESSION_SECRET_ARN]: "s".repeat(64),
  // Placeholders, as the operator finds the secret right after deployment.
  [CHANNEL_SECRETS_ARN]: JSON.stringify({
    ...Object.fromEntries(Object.keys(CHANNEL_SECRET_SOURCES).map((key) => [key, `REPLACE: ${key}`])),
    WHATSAPP_VERIFY_TOKEN: "generated",
  }),
};

describe("dependencies layer", () => {
  let root = "";
  const secretsManager = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const { SecretId } = JSON.parse(body) as { SecretId: string };
    response.setHeader("content-type", "application/x-amz-json-1.1");
    response.end(JSON.stringify({ Name: SecretId, SecretString: SECRETS[SecretId] }));
  });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "atiende-layer-"));
    writeLayerContent(join(root, "opt"));
    mkdirSync(join(root, "node_modules"));
    for (const scope of ["@aws-sdk", "@smithy"]) {
      symlinkSync(join(PROJECT_ROOT, "node_modules", scope), join(root, "node_modules", scope));
    }
    await new Promise<void>((listening) => secretsManager.listen(0, "127.0.0.1", listening));
  });

  afterAll(() => {
    secretsManager.close();
    rmSync(root, { recursive: true, force: true });
  });

  it(`stays under ${LAYER_BUDGET_BYTES / 1024 / 1024} MB unzipped`, () => {
    const bytes = directorySize(join(root, "opt"));
    console.log(`dependencies layer: ${(bytes / 1024 / 1024).toFixed(2)} MB unzipped`);
    expect(bytes).toBeLessThanOrEqual(LAYER_BUDGET_BYTES);
  });

  it("has pdfkit and all it loads, which no handler imports until the API prints", async () => {
    const print = `import("pdfkit").then(({ default: PDFDocument }) => {
      const doc = new PDFDocument();
      doc.on("data", () => {});
      doc.font("Helvetica-Bold").text("Atención al cliente");
      doc.end();
    })`;
    await expect(
      promisify(execFile)(process.execPath, ["-e", print], {
        cwd: join(root, "opt", "nodejs"),
        timeout: 20_000,
        env: { PATH: process.env.PATH },
      }),
    ).resolves.toBeDefined();
  });

  it.each(LAMBDA_ENTRIES)("has every package %s imports: it loads and exports a handler", async (entry) => {
    const { script, sourceMap } = await bundled(entry);
    const task = join(root, entry.replace(/[\\/.]/g, "-"));
    mkdirSync(task);
    writeFileSync(join(task, "index.mjs"), script);
    writeFileSync(join(task, "index.mjs.map"), sourceMap);
    symlinkSync(join(root, "opt", "nodejs", "node_modules"), join(task, "node_modules"));
    const { port } = secretsManager.address() as AddressInfo;
    const load = `import(${JSON.stringify(pathToFileURL(join(task, "index.mjs")).href)}).then((module) => {
      if (typeof module.handler !== "function") throw new Error("no handler export");
    })`;
    await expect(
      promisify(execFile)(process.execPath, ["--enable-source-maps", "-e", load], {
        cwd: task,
        timeout: 20_000,
        // Nothing from this machine's AWS setup: every AWS call goes to the stub.
        env: {
          PATH: process.env.PATH,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_MAX_ATTEMPTS: "1",
          TABLE_NAME: "table",
          BUCKET_NAME: "bucket",
          EVENT_BUS_NAME: "bus",
          USER_POOL_ID: "us-east-1_test",
          USER_POOL_CLIENT_ID: "client",
          SESSION_SECRET_ARN,
          CHANNEL_SECRETS_ARN,
          WS_ENDPOINT: "https://ws.example.com/live",
          WEB_ORIGIN: "https://chat.example.com",
        },
      }),
    ).resolves.toBeDefined();
  });
});
