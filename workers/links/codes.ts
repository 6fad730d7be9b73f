import { uniformInt } from "../lib/crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const CODE_LENGTH = 8;

/** 8 unbiased base62 characters: 62^8 ≈ 2.2 × 10^14 codes, so guessing one is hopeless. */
export function newLinkCode(length = CODE_LENGTH): string {
  let code = "";
  for (let i = 0; i < length; i++) code += BASE62[uniformInt(62)];
  return code;
}

export const isLinkCode = (s: string) => /^[0-9A-Za-z]{7,16}$/.test(s);
