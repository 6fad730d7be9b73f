import Papa from "papaparse";

/** A CSV download: RFC 4180 quoting by papaparse, UTF-8 with a BOM so spreadsheets read accents. */
export function csvResponse(filename: string, rows: Record<string, string | number | null>[], columns: string[]) {
  const body = Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? "")) });
  return new Response(`\uFEFF${body}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}

/** Minor units as a plain decimal string (no currency symbol), for spreadsheets. */
export const decimal = (minor: number, digits = 2) => (minor / 10 ** digits).toFixed(digits);
