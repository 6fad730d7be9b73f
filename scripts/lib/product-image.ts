import { deflateSync } from "node:zlib";

/**
 * Product photos for the offline demo: a studio-style PNG (soft backdrop, a bottle or jar with
 * a cap, label and shadow) drawn pixel by pixel, so the seed needs no network and no image tools.
 */
type RGB = [number, number, number];

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const hex = (h: string): RGB => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

export function productImage(opts: { backdrop: string; product: string; cap: string; shape: "bottle" | "jar" | "tube" }, width = 640, height = 800): Buffer {
  const top = mix(hex(opts.backdrop), [255, 255, 255], 0.35);
  const bottom = hex(opts.backdrop);
  const body = hex(opts.product);
  const cap = hex(opts.cap);
  const label: RGB = mix(body, [255, 255, 255], 0.78);
  const cx = width / 2;
  const shape = { bottle: { w: 0.3, h: 0.46, capH: 0.1, capW: 0.16 }, jar: { w: 0.44, h: 0.26, capH: 0.07, capW: 0.46 }, tube: { w: 0.22, h: 0.52, capH: 0.07, capW: 0.2 } }[opts.shape];
  const bw = width * shape.w;
  const bh = height * shape.h;
  const floor = height * 0.78;
  const bodyTop = floor - bh;
  const capW = width * shape.capW;
  const capTop = bodyTop - height * shape.capH;
  const radius = bw * 0.18;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      let c = mix(top, bottom, y / height);
      // Soft floor shadow under the product.
      const sx = (x - cx) / (bw * 0.85);
      const sy = (y - floor) / (height * 0.025);
      const shadow = Math.max(0, 1 - (sx * sx + sy * sy));
      if (shadow > 0) c = mix(c, [0, 0, 0], 0.22 * shadow);
      const dx = Math.abs(x - cx);
      // Body: a rounded rectangle with cylindrical shading.
      const inBody = y >= bodyTop && y <= floor && dx <= bw / 2 && !(y < bodyTop + radius && dx > bw / 2 - radius && (dx - (bw / 2 - radius)) ** 2 + (bodyTop + radius - y) ** 2 > radius ** 2);
      if (inBody) {
        const u = (x - (cx - bw / 2)) / bw;
        const shade = 0.75 + 0.35 * Math.sin(Math.PI * u) - 0.12 * u;
        c = mix([0, 0, 0], body, Math.min(1.15, shade));
        if (y > bodyTop + bh * 0.35 && y < bodyTop + bh * 0.72 && dx < bw * 0.4) c = mix([0, 0, 0], label, 0.9 + 0.1 * Math.sin(Math.PI * u));
        if (u > 0.18 && u < 0.26) c = mix(c, [255, 255, 255], 0.25);
      } else if (y >= capTop && y < bodyTop && dx <= capW / 2) {
        const u = (x - (cx - capW / 2)) / capW;
        c = mix([0, 0, 0], cap, 0.7 + 0.4 * Math.sin(Math.PI * u));
      }
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = Math.max(0, Math.min(255, Math.round(c[0])));
      raw[o + 1] = Math.max(0, Math.min(255, Math.round(c[1])));
      raw[o + 2] = Math.max(0, Math.min(255, Math.round(c[2])));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}
