import { toCsv, type CsvCell } from "../../workers/lib/csv";

/** A CSV download (through the one escaping writer, workers/lib/csv.ts): UTF-8 with a BOM so spreadsheets read accents. */
export function csvResponse(filename: string, rows: Record<string, CsvCell>[], columns: string[]) {
  const body = toCsv(columns, rows.map((r) => columns.map((c) => r[c] ?? "")));
  return new Response(`\uFEFF${body}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}

/** Minor units as a plain decimal string (no currency symbol), for spreadsheets. */
export const decimal = (minor: number, digits = 2) => (minor / 10 ** digits).toFixed(digits);
