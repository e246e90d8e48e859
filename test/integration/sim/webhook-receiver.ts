import { createServer, type IncomingHttpHeaders } from "node:http";
import { freePort } from "../../../infra/local/free-port.js";

export type ReceivedWebhook = {
  headers: IncomingHttpHeaders;
  /** The exact bytes received: what a signature is checked over. */
  raw: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the webhook shape it expects
  json: any;
};

/**
 * A stand-in for our webhook endpoint on a free port: it records every POST as received and
 * answers from a script of statuses (200 when the script is empty). It also serves files under
 * `/files/`, for sends by `link`.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const files = new Map<string, { type: string; bytes: Buffer }>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method === "GET") {
        const file = files.get(request.url ?? "");
        if (!file) return response.writeHead(404).end();
        return response.writeHead(200, { "content-type": file.type }).end(file.bytes);
      }
      const raw = Buffer.concat(chunks);
      received.push({ headers: request.headers, raw, json: JSON.parse(raw.toString("utf8")) });
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/webhook`,
    received,
    /** The next webhooks are answered with these statuses, in order. */
    answerNext: (...statuses: number[]) => answers.push(...statuses),
    /** Serves `bytes` at the returned URL. */
    serveFile: (name: string, type: string, bytes: Buffer) => {
      files.set(`/files/${name}`, { type, bytes });
      return `${origin}/files/${name}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
