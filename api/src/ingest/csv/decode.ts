// Text encodings of CSV files as CRMs and spreadsheets write them. TextDecoder (WHATWG
// Encoding, built into Node and browsers) knows every one of them, so no library is needed.

export const csvEncodings = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type CsvEncoding = (typeof csvEncodings)[number];

export const isCsvEncoding = (value: string): value is CsvEncoding =>
  csvEncodings.some((e) => e === value);

/**
 * The encoding a file declares by its byte-order mark, or betrays by its NULs (UTF-16 text of
 * mostly ASCII has a zero byte in every other position; Excel's "Unicode text" has no BOM when
 * re-saved by some tools), or else UTF-8 if the bytes are valid UTF-8, or else Windows-1252:
 * what Excel on Windows writes for "CSV" in western locales.
 */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  sample.forEach((byte, i) => {
    if (byte === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  });
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros === 0) return "utf-16le";
  if (evenZeros > half * 0.3 && oddZeros === 0) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/**
 * Windows-1252's characters for the bytes 0x80-0x9F ("—", "€", curly quotes). Node's
 * TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters (fixed only in
 * later Node versions), so they are mapped here; browsers already decode them right.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const fixCp1252 = (text: string) =>
  text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

/**
 * The file's text in the declared encoding, or the detected one. The byte-order mark is
 * dropped. A declared UTF-8 that is not valid UTF-8 is an error rather than a page of U+FFFD.
 */
export function decodeCsv(
  bytes: Uint8Array,
  declared?: CsvEncoding,
): { ok: true; decoded: DecodedCsv } | { ok: false; message: string } {
  const encoding = declared ?? detectEncoding(bytes);
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return {
      ok: true,
      decoded: { text: encoding === "windows-1252" ? fixCp1252(text) : text, encoding },
    };
  } catch {
    return {
      ok: false,
      message: `The file is not valid ${encoding} text; declare its encoding (${csvEncodings.join(", ")})`,
    };
  }
}
