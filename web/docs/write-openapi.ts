import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../../functions/http/apis/openapi-document.js";

const target = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/openapi.json");
writeFileSync(target, JSON.stringify(openApiDocument()));
