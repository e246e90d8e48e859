import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { AssetHashType, DockerImage, Stack } from "aws-cdk-lib";
import { type Architecture, Code, LayerVersion, type Runtime } from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { PROJECT_ROOT } from "../paths.js";

/**
 * The third-party packages the functions import at runtime. Every function bundle leaves them
 * out (with their subpaths, e.g. `hono/aws-lambda`) and loads them from the one layer below,
 * the way it leaves the AWS SDK to the runtime: a bundle then holds only our code, and the
 * libraries ship once per deployment instead of once per function.
 */
export const LAYER_PACKAGES = [
  "@aws-lambda-powertools/logger",
  "@aws-lambda-powertools/metrics",
  "@hono/zod-openapi",
  "@middy/core",
  "aws-jwt-verify",
  "electrodb",
  "hono",
  "ipaddr.js",
  "jose",
  "mailparser",
  "nodemailer",
  "pdfkit",
  "ulid",
  "zod",
] as const;

/** The Lambda Node.js runtime ships AWS SDK v3 and its Smithy core; the layer never copies them. */
const RUNTIME_PROVIDED = ["@aws-sdk/", "@smithy/"];

/**
 * Files Node never loads at runtime: TypeScript sources and declarations (Node does not strip
 * types under node_modules), source maps, and documentation. Licenses stay.
 */
const NEVER_LOADED = /\.[cm]?ts$|\.map$|\.(md|markdown)$/i;

const NODE_MODULES = join(PROJECT_ROOT, "node_modules");

type Manifest = {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** An installed package the layer carries, at its path under the project's node_modules. */
export type LayerPackage = { path: string; version: string };

/** Where Node would find `name` required from the package in `fromDir`, within the project. */
function resolveInstalled(name: string, fromDir: string) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (relative(PROJECT_ROOT, dir) === "" || dir === dirname(dir)) return undefined;
  }
}

/**
 * The production dependency closure of LAYER_PACKAGES as npm installed it: dependencies,
 * installed optional dependencies and required peers, recursively. Nested copies (a package's
 * own node_modules) keep their place, so each package resolves the version it was installed with.
 */
export function layerPackages(): LayerPackage[] {
  const found = new Map<string, LayerPackage>();
  const visit = (name: string, fromDir: string, required: boolean) => {
    if (RUNTIME_PROVIDED.some((prefix) => name.startsWith(prefix))) return;
    const dir = resolveInstalled(name, fromDir);
    if (!dir) {
      if (!required) return;
      throw new Error(
        `${name}, needed by ${relative(PROJECT_ROOT, fromDir) || "the functions"}, is not installed`,
      );
    }
    const path = relative(NODE_MODULES, dir);
    if (found.has(path)) return;
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
    found.set(path, { path, version: manifest.version });
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
    );
    for (const dependency of new Set([...Object.keys(manifest.dependencies ?? {}), ...optional, ...peers])) {
      visit(dependency, dir, !optional.has(dependency));
    }
  };
  for (const name of LAYER_PACKAGES) visit(name, PROJECT_ROOT, true);
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes the layer's content, `nodejs/node_modules/<package>`, into `outputDir`. */
export function writeLayerContent(outputDir: string, packages = layerPackages()) {
  for (const { path } of packages) {
    const source = join(NODE_MODULES, path);
    const nested = join(source, "node_modules");
    cpSync(source, join(outputDir, "nodejs", "node_modules", path), {
      recursive: true,
      dereference: true,
      // A nested node_modules is copied package by package, as its packages appear in the closure.
      filter: (file) => file !== nested && !NEVER_LOADED.test(basename(file)),
    });
  }
}

export type DependenciesLayerProps = { runtime: Runtime; architecture: Architecture };

/**
 * A Lambda layer with LAYER_PACKAGES and what they depend on, copied from the project's
 * node_modules at synth time. Lambda resolves ES module imports from `/opt/nodejs/node_modules`
 * since Node.js 18. All packages are plain JavaScript, so copying from the developer's machine
 * is as good as installing on Amazon Linux, and needs no Docker.
 */
export class DependenciesLayer extends LayerVersion {
  /** The stack's one layer, made by the first function that asks for it. */
  static of(scope: Construct, props: DependenciesLayerProps) {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild("DependenciesLayer");
    return existing instanceof DependenciesLayer
      ? existing
      : new DependenciesLayer(stack, "DependenciesLayer", props);
  }

  constructor(scope: Construct, id: string, props: DependenciesLayerProps) {
    const packages = layerPackages();
    // The exact packages and what is stripped from them: the layer changes only when its content does.
    const assetHash = createHash("sha256")
      .update(
        JSON.stringify({
          packages: packages.map(({ path, version }) => [path, version]),
          strip: NEVER_LOADED.source,
        }),
      )
      .digest("hex");
    super(scope, id, {
      description:
        "Third-party packages the Atiende functions import (infra/aws/constructs/dependencies-layer.ts)",
      compatibleRuntimes: [props.runtime],
      compatibleArchitectures: [props.architecture],
      code: Code.fromAsset(NODE_MODULES, {
        assetHash,
        assetHashType: AssetHashType.CUSTOM,
        bundling: {
          // Required by the API, never pulled: local bundling below always succeeds.
          image: DockerImage.fromRegistry(`public.ecr.aws/sam/build-${props.runtime.name}`),
          local: {
            tryBundle(outputDir) {
              writeLayerContent(outputDir, packages);
              return true;
            },
          },
        },
      }),
    });
  }
}
