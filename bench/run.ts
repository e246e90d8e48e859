// npm run bench -- NAME: runs one benchmark; its last line on stdout is one JSON object.
import { backofficeList } from "./backoffice-list.js";
import { caseMemory } from "./case-memory.js";
import { chatLatency } from "./chat-latency.js";
import { guidedContacts } from "./guided-contacts.js";
import { whatsappIngest } from "./whatsapp-ingest.js";

const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  backoffice: backofficeList,
  "case-memory": caseMemory,
  "chat-latency": chatLatency,
  "guided-contacts": guidedContacts,
  whatsapp: whatsappIngest,
};

const name = process.argv[2] ?? "chat-latency";
const bench = BENCHES[name];
if (!bench) {
  console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
const result = await bench();
console.log(JSON.stringify(result));
process.exit(0);
