// Renders every .svg under the given folders to a .png beside it (resvg), so figures can be looked at.
import { Resvg } from '@resvg/resvg-js';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function walk(path) {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((f) => walk(join(path, f)));
  return path.endsWith('.svg') ? [path] : [];
}
for (const file of process.argv.slice(2).flatMap(walk)) {
  const png = new Resvg(readFileSync(file, 'utf8'), {
    background: '#fff',
    fitTo: { mode: 'zoom', value: 1.5 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  writeFileSync(file.replace(/\.svg$/, '.png'), png);
  console.log(file.replace(/\.svg$/, '.png'));
}
