import { describe, expect, it } from "vitest";
import {
  ALLOWED_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from "../../../../shared/attachment/index.js";
import { MAX_TEXT_LENGTH as SERVER_MAX_TEXT } from "../../../../shared/conversation/info.js";
import {
  ACCEPTED_TYPES,
  checkFile,
  MAX_FILE_BYTES,
  MAX_FILES_PER_MESSAGE,
  MAX_TEXT_LENGTH,
  uploadName,
} from "../../../../web/widget/src/data/file-check.js";

describe("checking a file before uploading it", () => {
  it("accepts images and PDF within the limit", () => {
    for (const type of ["image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"]) {
      expect(checkFile({ type, size: 1024 }), type).toBeUndefined();
    }
    expect(checkFile({ type: "application/pdf", size: MAX_FILE_BYTES })).toBeUndefined();
  });

  it("refuses other types, including a missing one", () => {
    expect(checkFile({ type: "application/zip", size: 10 })).toBe("type");
    expect(checkFile({ type: "image/svg+xml", size: 10 })).toBe("type");
    expect(checkFile({ type: "", size: 10 })).toBe("type");
  });

  it("refuses files over 10 MB and empty files", () => {
    expect(checkFile({ type: "image/png", size: MAX_FILE_BYTES + 1 })).toBe("size");
    expect(checkFile({ type: "image/png", size: 0 })).toBe("empty");
  });

  it("holds the same limits as the server", () => {
    expect([...ACCEPTED_TYPES].sort()).toEqual(Object.keys(ALLOWED_TYPES).sort());
    expect(MAX_FILE_BYTES).toBe(MAX_ATTACHMENT_BYTES);
    expect(MAX_FILES_PER_MESSAGE).toBe(MAX_ATTACHMENTS_PER_MESSAGE);
    expect(MAX_TEXT_LENGTH).toBe(SERVER_MAX_TEXT);
  });
});

describe("the name sent for an upload", () => {
  it("keeps ordinary names", () => {
    expect(uploadName("ticket NBA.pdf")).toBe("ticket NBA.pdf");
  });

  it("shortens long names to 200 characters, keeping the extension", () => {
    const name = uploadName(`${"a".repeat(300)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
  });

  it("replaces control characters and path separators", () => {
    expect(uploadName("a\u0007b/c\\d.png")).toBe("a_b_c_d.png");
  });
});
