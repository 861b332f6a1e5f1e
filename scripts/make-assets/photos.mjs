// Regenerates assets/images/chelsea.png and assets/images/coffee.png: two CC0 colour photographs from the
// scikit-image sample data as packaged by Debian (python3-skimage 0.19.3), shrunk to 256 px wide by area
// averaging (each output pixel is the mean of the source pixels it covers) and saved as 8-bit RGB PNG.
//
//   cd /tmp && apt-get update && apt-get download python3-skimage && dpkg-deb -x python3-skimage_*.deb skimage-deb
//   node scripts/make-assets/photos.mjs /tmp/skimage-deb/usr/lib/python3/dist-packages/skimage/data
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

const sourceDir = process.argv[2] ?? "/usr/lib/python3/dist-packages/skimage/data";
const width = 256;

/** Area-averaging resize of an RGBA image to `outW` × `outH` (RGB output, alpha dropped). */
function resize(src, outW, outH) {
  const out = new PNG({ width: outW, height: outH, colorType: 2 });
  const sx = src.width / outW;
  const sy = src.height / outH;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      const acc = [0, 0, 0];
      let total = 0;
      for (let y = Math.floor(oy * sy); y < Math.min(src.height, Math.ceil((oy + 1) * sy)); y++) {
        const wy = Math.min(y + 1, (oy + 1) * sy) - Math.max(y, oy * sy);
        for (let x = Math.floor(ox * sx); x < Math.min(src.width, Math.ceil((ox + 1) * sx)); x++) {
          const wx = Math.min(x + 1, (ox + 1) * sx) - Math.max(x, ox * sx);
          const w = wx * wy;
          const i = 4 * (y * src.width + x);
          for (let c = 0; c < 3; c++) acc[c] += w * src.data[i + c];
          total += w;
        }
      }
      const o = 4 * (oy * outW + ox);
      for (let c = 0; c < 3; c++) out.data[o + c] = Math.round(acc[c] / total);
      out.data[o + 3] = 255;
    }
  }
  return out;
}

for (const name of ["chelsea", "coffee"]) {
  const src = PNG.sync.read(fs.readFileSync(path.join(sourceDir, `${name}.png`)));
  const height = Math.round((src.height * width) / src.width);
  const out = resize(src, width, height);
  const file = `assets/images/${name}.png`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(out, { colorType: 2 }));
  console.log(`${file}: ${width}×${height} from ${src.width}×${src.height}`);
}
