import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type D1Db = ReturnType<typeof d1Client>;
export const d1Client = (binding: D1Database) => drizzle(binding, { schema });
