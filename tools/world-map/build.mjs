// Builds server/src/main/resources/web/vendor/world-110m.geo.json, the Threats page's world map.
// Inputs (npm pack, no install): world-atlas 2.0.2 (ISC; Natural Earth 1:110m, public domain),
// topojson-client 3.1.0 (ISC), i18n-iso-countries 7.14.0 (MIT; numeric to alpha-2 codes).
// Usage: node build.mjs <dir with the three unpacked packages> <output file>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [dir, out] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const topojson = require(path.join(dir, 'topojson-client-3.1.0/package/dist/topojson-client.js'));
const topo = JSON.parse(fs.readFileSync(path.join(dir, 'world-atlas-2.0.2/package/countries-110m.json'), 'utf8'));
const codes = JSON.parse(fs.readFileSync(path.join(dir, 'i18n-iso-countries-7.14.0/package/codes.json'), 'utf8'));
const alpha2 = new Map(codes.map(([a2, , num]) => [num, a2]));

// One decimal degree (~11 km) is finer than a 110m map can show and halves the file.
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 10) / 10, Math.round(c[1] * 10) / 10] : c.map(round));
// Rings that cross the antimeridian (Russia, Fiji) jump from 180 to -180; drawn flat, that is a
// stripe across the whole map. Unwrap them onto the side where most of the ring lies (x > 180 is fine).
const seam = (ring) => {
  if (!ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180)) return ring;
  const east = ring.filter((p) => p[0] > 0).length * 2 > ring.length;
  return ring.map(([x, y]) => [east && x < 0 ? x + 360 : !east && x > 0 ? x - 360 : x, y]);
};
const rings = (g) => (g.type === 'Polygon' ? g.coordinates.map(seam) : g.coordinates.map((poly) => poly.map(seam)));
const geo = topojson.feature(topo, topo.objects.countries);
const features = geo.features
  // Antarctica takes a sixth of the map and never sends logs.
  .filter((f) => f.geometry && f.properties.name !== 'Antarctica')
  .map((f) => ({
    type: 'Feature',
    properties: { name: f.properties.name, iso_a2: alpha2.get(f.id) || '' },
    geometry: { type: f.geometry.type, coordinates: rings({ type: f.geometry.type, coordinates: round(f.geometry.coordinates) }) },
  }));
fs.writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }));
console.log(`${features.length} countries, ${features.filter((f) => !f.properties.iso_a2).length} without a code`);
