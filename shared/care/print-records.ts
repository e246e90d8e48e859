import type { RecordsTable, TableLanguage } from "./records-table.js";

/** What a printed tab holds: its title, the lines under it (filters, when it was made) and the table. */
export type PrintedRecords = {
  title: string;
  lines: string[];
  table: RecordsTable;
  lang: TableLanguage;
};

const MARGIN = 36;
const FONT_SIZE = 8;
const PADDING = 4;
/** A long reason or subject wraps to this many lines, then ends in an ellipsis. */
const MAX_CELL_LINES = 3;
const FOOTER_HEIGHT = 14;

const PAGE_LABEL: Record<TableLanguage, (page: number, pages: number) => string> = {
  es: (page, pages) => `Página ${page} de ${pages}`,
  en: (page, pages) => `Page ${page} of ${pages}`,
};
const EMPTY: Record<TableLanguage, string> = { es: "Sin registros", en: "No records" };

/** What WinAnsi holds beyond Latin-1: the characters PDF's standard fonts draw at 0x80–0x9F. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const isWinAnsi = (character: string) => {
  const code = character.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(character);
};

/**
 * Text the standard fonts can draw. They encode WinAnsi only (every Spanish letter and sign is
 * there); another letter loses its accent if that is enough ("ă" → "a"), anything else becomes
 * "?", and control characters a space.
 */
export function winAnsiText(text: string) {
  let out = "";
  for (const character of text.normalize("NFC")) {
    if (isWinAnsi(character)) out += character;
    else if (/\p{Cc}|\p{Zl}|\p{Zp}/u.test(character)) out += " ";
    else {
      const base = character.normalize("NFD").replace(/\p{M}/gu, "");
      out += base && [...base].every(isWinAnsi) ? base : "?";
    }
  }
  return out;
}

/**
 * The table as a landscape A4 PDF: title and lines on the first page, the header row again at
 * the top of every page, rows as tall as their longest cell (up to MAX_CELL_LINES), and "page n
 * of m" at the foot of each. Standard Helvetica, so nothing is embedded and the file stays small.
 */
export async function printRecords({
  title,
  lines,
  table,
  lang,
}: PrintedRecords): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on the first print only: pdfkit and fontkit would add to every cold start of the API.
  // pdfkit over pdf-lib: still released (pdf-lib's last release is from 2021), and it wraps text.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: winAnsiText(title), Creator: "Atiende" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const left = MARGIN;
  const usable = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER_HEIGHT;
  const share = usable / table.columns.reduce((sum, { width }) => sum + width, 0);
  const widths = table.columns.map(({ width }) => width * share);
  const lineHeight = doc.fontSize(FONT_SIZE).currentLineHeight(true);

  const cellOptions = (width: number) => ({ width: width - 2 * PADDING, lineGap: 0 });
  // Most cells fit on one line: a row measures each cell's width once, and wraps only the rest.
  const fitting = (cells: string[]) =>
    cells.map((cell, i) => doc.widthOfString(cell) <= widths[i]! - 2 * PADDING);
  const rowHeight = (cells: string[], fits: boolean[]) =>
    Math.min(
      MAX_CELL_LINES * lineHeight,
      Math.max(
        lineHeight,
        ...cells.map((cell, i) => (fits[i] ? lineHeight : doc.heightOfString(cell, cellOptions(widths[i]!)))),
      ),
    ) +
    2 * PADDING;

  const drawRow = (cells: string[], fits: boolean[], y: number, height: number, fill?: string) => {
    if (fill) doc.rect(left, y, usable, height).fill(fill);
    doc.fillColor("#000000");
    let x = left;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      if (fits[i]) doc.text(cell, x + PADDING, y + PADDING, { lineBreak: false });
      else
        doc.text(cell, x + PADDING, y + PADDING, {
          ...cellOptions(width),
          // A point to spare: pdfkit cuts a line that ends exactly on the limit.
          height: height - 2 * PADDING + 1,
          ellipsis: true,
        });
      x += width;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + usable, y + height)
      .lineWidth(0.5)
      .strokeColor("#c8c8c8")
      .stroke();
  };

  const header = table.columns.map(({ header }) => winAnsiText(header));
  const drawHeader = (y: number) => {
    doc.font("Helvetica-Bold").fontSize(FONT_SIZE);
    const fits = fitting(header);
    const height = rowHeight(header, fits);
    drawRow(header, fits, y, height, "#e6e6e6");
    doc.font("Helvetica");
    return y + height;
  };

  doc.font("Helvetica-Bold").fontSize(14).text(winAnsiText(title), left, MARGIN, { width: usable });
  doc.font("Helvetica").fontSize(9).fillColor("#404040");
  for (const line of lines) doc.text(winAnsiText(line), { width: usable });
  let y = drawHeader(doc.y + 8);

  if (table.rows.length === 0) doc.text(EMPTY[lang], left + PADDING, y + PADDING);
  for (const [index, row] of table.rows.entries()) {
    const cells = row.map(winAnsiText);
    const fits = fitting(cells);
    const height = rowHeight(cells, fits);
    if (y + height > bottom()) {
      doc.addPage();
      y = drawHeader(MARGIN);
    }
    drawRow(cells, fits, y, height, index % 2 === 1 ? "#f5f5f5" : undefined);
    y += height;
  }

  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    doc
      .font("Helvetica")
      .fontSize(FONT_SIZE)
      .fillColor("#404040")
      .text(
        PAGE_LABEL[lang](page - start + 1, count),
        left,
        doc.page.height - MARGIN - FOOTER_HEIGHT + PADDING,
        {
          width: usable,
          align: "right",
          lineBreak: false,
        },
      );
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
