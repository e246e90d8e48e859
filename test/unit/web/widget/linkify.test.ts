import { describe, expect, it } from "vitest";
import { linkify } from "../../../../web/widget/src/data/linkify.js";

describe("links in message text", () => {
  it("turns web addresses into links and keeps the rest as text", () => {
    expect(linkify("Mira https://banco.example/cajeros, ahí están.")).toEqual([
      { text: "Mira " },
      { text: "https://banco.example/cajeros", href: "https://banco.example/cajeros" },
      { text: ", ahí están." },
    ]);
  });

  it("never links other schemes", () => {
    expect(linkify("javascript:alert(1) data:text/html,x")).toEqual([
      { text: "javascript:alert(1) data:text/html,x" },
    ]);
  });

  it("leaves text without addresses alone", () => {
    expect(linkify("me voy de viaje")).toEqual([{ text: "me voy de viaje" }]);
    expect(linkify("")).toEqual([]);
  });
});
