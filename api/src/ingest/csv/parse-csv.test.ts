import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, quoted commas, quotes and line breaks, and blank lines", () => {
    const text =
      '\uFEFFid,name,note\r\n1,"Acme, Inc.","said ""hi"""\r\n\r\n,,\r\n2,Globex,"two\r\nlines"\r\n3,Initech,last';
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.table.header).toEqual(["id", "name", "note"]);
    expect(parsed.table.rows).toEqual([
      { line: 2, values: ["1", "Acme, Inc.", 'said "hi"'] },
      { line: 5, values: ["2", "Globex", "two\r\nlines"] },
      { line: 7, values: ["3", "Initech", "last"] },
    ]);
  });

  it("reports an unclosed quote with its line", () => {
    const parsed = parseCsv('id,name\n1,ok\n2,"broken\n3,fine\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.line).toBeGreaterThanOrEqual(3);
  });

  it("reports an empty file", () => {
    expect(parseCsv("\uFEFF\r\n").ok).toBe(false);
  });
});
