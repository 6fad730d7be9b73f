import Papa from "papaparse";

/**
 * Streams a CSV file as logical records (a quoted field may span lines), each with the physical
 * line it starts on. Holds one read chunk and one record at a time, never the file.
 */
export async function* csvRecords(stream: ReadableStream<Uint8Array>): AsyncGenerator<{ line: number; text: string }> {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let carry = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let scanFrom = 0;
  let first = true;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let buf = carry + (first ? value.replace(/^\uFEFF/, "") : value);
      first = false;
      let start = 0;
      for (let i = scanFrom; i < buf.length; i++) {
        const ch = buf.charCodeAt(i);
        if (ch === 34) inQuotes = !inQuotes;
        else if (ch === 10) {
          line++;
          if (!inQuotes) {
            const end = i > start && buf.charCodeAt(i - 1) === 13 ? i - 1 : i;
            const text = buf.slice(start, end);
            if (text.length) yield { line: recordLine, text };
            start = i + 1;
            recordLine = line;
          }
        }
      }
      carry = buf.slice(start);
      scanFrom = carry.length;
      buf = "";
    }
  } finally {
    // A caller that stops early (the header check reads one record) must not leave the body half-read.
    await reader.cancel().catch(() => undefined);
  }
  if (inQuotes) throw new MalformedCsv(recordLine, "A quoted field is never closed");
  const tail = carry.replace(/\r$/, "");
  if (tail.length) yield { line: recordLine, text: tail };
}

export class MalformedCsv extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** Splits complete records into fields with papaparse (one call per batch); quoting errors make the file malformed. */
export function parseRecords(records: { line: number; text: string }[]): { line: number; fields: string[] }[] {
  if (!records.length) return [];
  const res = Papa.parse<string[]>(records.map((r) => r.text).join("\n"), { delimiter: ",", newline: "\n", skipEmptyLines: false });
  const bad = res.errors.find((e) => e.type === "Quotes");
  if (bad) throw new MalformedCsv(records[bad.row ?? 0]?.line ?? records[0]!.line, `Broken quoting: ${bad.message}`);
  if (res.data.length !== records.length) {
    // A record with a stray quote can swallow its neighbours; find the first one that does not parse alone.
    for (const r of records) {
      const one = Papa.parse<string[]>(r.text, { delimiter: ",", newline: "\n" });
      if (one.errors.length || one.data.length !== 1) throw new MalformedCsv(r.line, "Broken quoting");
    }
  }
  return res.data.map((fields, i) => ({ line: records[i]!.line, fields }));
}

/** Batches of up to `size` parsed rows, the header first on its own. */
export async function* csvRows(stream: ReadableStream<Uint8Array>, size: number): AsyncGenerator<{ line: number; fields: string[] }[]> {
  let batch: { line: number; text: string }[] = [];
  let header = true;
  for await (const r of csvRecords(stream)) {
    batch.push(r);
    if (header || batch.length >= size) {
      header = false;
      yield parseRecords(batch);
      batch = [];
    }
  }
  if (batch.length) yield parseRecords(batch);
}
