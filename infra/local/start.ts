import { resolve } from "node:path";
import { LOCAL_CHANNEL_ACCOUNTS } from "./channels.js";
import { startLocalCloud } from "./local-cloud.js";
import { DEMO_TENANT_ID, demoSecrets } from "./seed.js";

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.ATIENDE_DATA_DIR ?? ".data");

try {
  const cloud = await startLocalCloud({ port, dataDir, smtpPort: Number(process.env.SMTP_PORT ?? 2525) });
  const { password } = demoSecrets();
  const width = Math.max(...cloud.accounts.map((a) => a.email.length));
  console.log(`
  Atiende is running (data in ${dataDir})

    Agent console   ${cloud.url}/console
    Customer chat   ${cloud.url}/chat?tenant=${DEMO_TENANT_ID}
    Embed script    <script src="${cloud.url}/widget.js" data-tenant="${DEMO_TENANT_ID}" async></script>
    API reference   ${cloud.url}/docs   (${cloud.url}/openapi.json)

    WhatsApp (simulated customer phone)   ${cloud.url}/sim/whatsapp
    Messenger (simulated customer)        ${cloud.url}/sim/messenger
    E-mail: customers' mailbox            ${cloud.url}/sim/mail
            support address               ${LOCAL_CHANNEL_ACCOUNTS.email.accountId} (SMTP 127.0.0.1:${cloud.channels.smtpPort})
    Health          ${cloud.url}/health

  Demo logins (password: ${password})
${cloud.accounts.map((a) => `    ${a.email.padEnd(width)}  ${a.name} (${a.role})`).join("\n")}
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\n  Stopping Atiende…");
    await cloud.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} catch (error) {
  console.error(`\n  Atiende could not start: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
}
