import { describe, expect, it } from "vitest";
import { backoffDelay, liveUrl } from "../../../../web/widget/src/data/live-socket.js";

describe("reconnecting the live socket", () => {
  it("waits longer after each failure, up to 30 seconds", () => {
    const top = () => 1;
    expect(backoffDelay(0, top)).toBe(1000);
    expect(backoffDelay(1, top)).toBe(2000);
    expect(backoffDelay(3, top)).toBe(8000);
    expect(backoffDelay(10, top)).toBe(30_000);
  });

  it("spreads reconnections with jitter, never below half the wait", () => {
    expect(backoffDelay(2, () => 0)).toBe(2000);
    expect(backoffDelay(2, () => 0.5)).toBe(3000);
  });

  it("opens the socket on the page's own origin with the session token", () => {
    expect(liveUrl("https://chat.example", "a.b+c")).toBe("wss://chat.example/ws?token=a.b%2Bc");
    expect(liveUrl("http://127.0.0.1:3000", "t")).toBe("ws://127.0.0.1:3000/ws?token=t");
  });
});
