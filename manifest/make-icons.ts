// Draws the two app icons and writes them beside the manifest: `tsx manifest/make-icons.ts`.
// The PNGs are committed; this script is how they were made (no image tools needed).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.js';

export const ACCENT = '#1F5C99';
const [AR, AG, AB] = [0x1f, 0x5c, 0x99];

/** A shield in the unit square (flat top, sides tapering to a point), as coverage 0/1. */
function inShield(u: number, v: number, inset = 0): boolean {
  const top = 0.08 + inset;
  const bottom = 0.94 - inset;
  if (v < top || v > bottom) return false;
  const t = (v - top) / (bottom - top);
  const half = (0.4 - inset) * (t < 0.45 ? 1 : 1 - ((t - 0.45) / 0.55) ** 1.7);
  return Math.abs(u - 0.5) <= half;
}

/** A child: a round head and shoulders, in the shield. */
function inChild(u: number, v: number): boolean {
  const head = (u - 0.5) ** 2 + (v - 0.36) ** 2 <= 0.085 ** 2;
  const body = v >= 0.5 && v <= 0.74 && ((u - 0.5) / 0.16) ** 2 + ((v - 0.62) / 0.12) ** 2 <= 1 && v <= 0.7;
  return head || body;
}

/** Draws with 4×4 supersampling: `paint` returns the RGBA of a point, or undefined for nothing. */
function draw(size: number, paint: (u: number, v: number) => [number, number, number, number] | undefined): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) out.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / (n * n))], i);
    }
  }
  return out;
}

/** 192×192, full colour: a white shield with the child in the accent colour, on the accent colour. */
export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(size, size, draw(size, (u, v) => {
    if (inShield(u, v)) return inChild(u, v) ? [AR, AG, AB, 255] : [255, 255, 255, 255];
    return [AR, AG, AB, 255];
  }));
}

/** 32×32, white on transparent (Teams' rule for outline icons): the shield's outline and the child. */
export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, size, draw(size, (u, v) => {
    const ring = inShield(u, v) && !inShield(u, v, 0.07);
    return ring || inChild(u, v) ? [255, 255, 255, 255] : undefined;
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  writeFileSync(`${dir}color.png`, colorIcon());
  writeFileSync(`${dir}outline.png`, outlineIcon());
  console.log(`wrote ${dir}color.png and ${dir}outline.png`);
}
