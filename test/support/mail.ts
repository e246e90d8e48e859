import { api } from "./api.js";

type Mail = { to: string[]; text: string };

/**
 * The six digits of the latest mail to `address` in the customers' mailbox (`/sim/mail`), once
 * `count` mails have reached him: a one-time code, as his mail program shows it.
 */
export async function mailedCode(url: string, address: string, count = 1) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await api(url, "/sim/mail/api/messages");
    const mails = (body.messages as Mail[]).filter((mail) => mail.to.includes(address));
    const code = mails.length >= count ? mails.at(-1)?.text.match(/\b(\d{6})\b/)?.[1] : undefined;
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no code mail for ${address}`);
}
