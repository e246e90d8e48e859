import { describe, expect, it } from "vitest";
import { readPageConfig, withoutFragment } from "../../../../web/customer/src/data/page-config.js";

describe("reading the chat page's address", () => {
  it("defaults to the demo tenant, full page, no identity", () => {
    expect(readPageConfig(new URL("http://127.0.0.1:3000/chat"))).toEqual({
      tenantId: "demo",
      embedded: false,
      lang: null,
    });
  });

  it("reads tenant, embedding and language from the query", () => {
    const config = readPageConfig(new URL("http://127.0.0.1:3000/chat?tenant=banco-uno&embed=1&lang=en"));
    expect(config).toMatchObject({ tenantId: "banco-uno", embedded: true, lang: "en" });
  });

  it("reads the host's signed identity from the fragment", () => {
    const signature = "AB".repeat(32);
    const url = new URL(
      `http://h/chat?tenant=demo#customerId=cliente%2042&signature=${signature}&name=Ana%20P%C3%A9rez`,
    );
    expect(readPageConfig(url).identity).toEqual({
      externalId: "cliente 42",
      signature: signature.toLowerCase(),
      name: "Ana Pérez",
    });
  });

  it("ignores an identity without its signature", () => {
    expect(readPageConfig(new URL("http://h/chat#customerId=42")).identity).toBeUndefined();
  });

  it("drops the fragment from the address kept in history", () => {
    expect(withoutFragment(new URL("http://h/chat?tenant=demo#customerId=42&signature=ab"))).toBe(
      "http://h/chat?tenant=demo",
    );
  });
});
