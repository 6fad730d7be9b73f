import Papa from "papaparse";

export type CsvCell = string | number | null | undefined;

/** What a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting with = + - @ tab or CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative number stays a number: "-12", "-0.50". */
const NEGATIVE_NUMBER = /^-(\d+(\.\d*)?|\.\d+)$/;

/** One cell, made safe to open in a spreadsheet: a formula-looking text gets a leading single quote. */
export function escapeCell(value: CsvCell): string | number {
  if (value == null) return "";
  if (typeof value === "number") return value;
  return FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The one way Tandem writes CSV: every cell (headers too) through `escapeCell`, then RFC 4180
 * quoting by papaparse, CRLF line ends, a final CRLF.
 */
export function toCsv(columns: string[], rows: CsvCell[][]): string {
  const fields = columns.map((c) => String(escapeCell(c)));
  return `${Papa.unparse({ fields, data: rows.map((r) => r.map(escapeCell)) }, { newline: "\r\n" })}\r\n`;
}
