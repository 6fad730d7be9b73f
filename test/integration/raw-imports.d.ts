declare module "*?raw" {
  const text: string;
  export default text;
}

/** Vite's import.meta.glob, as the tests use it: files read eagerly as raw strings, keyed by path. */
interface ImportMeta {
  glob<T = string>(pattern: string | string[], options: { query: "?raw"; import: "default"; eager: true }): Record<string, T>;
}
