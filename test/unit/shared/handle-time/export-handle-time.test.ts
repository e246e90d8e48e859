import { describe, expect, it } from "vitest";
import { agentTotalsCsv, csvCell, handleTimeCsv } from "../../../../shared/handle-time/export-handle-time.js";

describe("the handle time CSV", () => {
  it("turns what a spreadsheet would run as a formula into text", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell(" -2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("＝1")).toBe(`"'＝1"`);
  });

  it("keeps a cell one cell: separators quoted, line breaks flattened", () => {
    expect(csvCell("Pérez, Ana")).toBe(`"Pérez, Ana"`);
    expect(csvCell('Ana "la jefa"')).toBe(`"Ana ""la jefa"""`);
    expect(csvCell("Ana\r\nPérez")).toBe("Ana Pérez");
    expect(csvCell(42)).toBe("42");
  });

  it("has a header row and one CRLF-ended row per case and agent", () => {
    expect(
      handleTimeCsv([
        { conversationId: "cnv_1", staffId: "stf_1", staffName: "Ana", seconds: 90 },
        { conversationId: "cnv_1", staffId: "stf_2", staffName: "=Bruno", seconds: 15 },
      ]),
    ).toBe('case,agent_id,agent,seconds\r\ncnv_1,stf_1,Ana,90\r\ncnv_1,stf_2,"\'=Bruno",15\r\n');
  });

  it("has one row per agent with his total, inert like the rest", () => {
    expect(
      agentTotalsCsv([
        { staffId: "stf_1", name: "Ana", seconds: 120 },
        { staffId: "stf_2", name: "@Bruno", seconds: 15 },
      ]),
    ).toBe('agent_id,agent,seconds\r\nstf_1,Ana,120\r\nstf_2,"\'@Bruno",15\r\n');
  });
});
