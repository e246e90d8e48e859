import { describe, expect, it } from "vitest";
import { matchingRules, ruleKey } from "../../../../shared/auto-reply/match-keywords.js";

const ATM = { keywords: ["cajero", "cajero automático"], reply: "Cajeros sin comisión: Terminal 1." };
const CARD = { keywords: ["tarjeta bloqueada"], reply: "Llama al 800 para desbloquearla." };

describe("keyword rules", () => {
  it("match whole words without regard to case or accents", () => {
    expect(matchingRules([ATM, CARD], "¿Dónde hay un CAJÉRO en el aeropuerto?")).toEqual([ATM]);
    expect(matchingRules([ATM, CARD], "Mi Tarjeta está bloqueada")).toEqual([]);
    expect(matchingRules([ATM, CARD], "tengo la tarjeta   bloqueada!")).toEqual([CARD]);
  });

  it("do not match a keyword inside another word", () => {
    expect(matchingRules([ATM], "los cajeros y la cajera")).toEqual([]);
    expect(matchingRules([ATM], "supercajero")).toEqual([]);
  });

  it("keep their key when only the reply changes", () => {
    expect(ruleKey({ ...ATM, reply: "Otro texto" })).toBe(ruleKey(ATM));
    expect(ruleKey(CARD)).not.toBe(ruleKey(ATM));
  });
});
