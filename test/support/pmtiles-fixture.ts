import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { zxyToTileId } from 'pmtiles';

/**
 * Writes a tiny PMTiles v3 archive for tests (spec: header of 127 bytes, root directory, JSON
 * metadata, tile data; no leaf directories, nothing compressed): one tile at zoom 0 and one at
 * zoom 1 over Scandinavia, either PNG or Mapbox Vector Tiles with a "water" polygon over the
 * whole tile and a "roads" line across it. Made here, never downloaded.
 */

function varint(n: number, out: number[]) {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** Protocol buffer helpers for the few message shapes of a vector tile. */
const pb = {
  key: (field: number, wire: number, out: number[]) => varint((field << 3) | wire, out),
  bytes(field: number, data: number[] | Uint8Array, out: number[]) {
    pb.key(field, 2, out);
    varint(data.length, out);
    out.push(...data);
  },
  uint(field: number, value: number, out: number[]) {
    pb.key(field, 0, out);
    varint(value, out);
  },
  packed(field: number, values: number[], out: number[]) {
    const inner: number[] = [];
    for (const v of values) varint(v, inner);
    pb.bytes(field, inner, out);
  },
};

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const command = (id: number, count: number) => (id & 0x7) | (count << 3);

/** A geometry as MVT commands: MoveTo the first point, LineTo the rest, ClosePath for polygons. */
function geometry(points: [number, number][], close: boolean): number[] {
  const out = [command(1, 1), zigzag(points[0]![0]), zigzag(points[0]![1]), command(2, points.length - 1)];
  for (let i = 1; i < points.length; i++) out.push(zigzag(points[i]![0] - points[i - 1]![0]), zigzag(points[i]![1] - points[i - 1]![1]));
  if (close) out.push(command(7, 1));
  return out;
}

function layer(name: string, type: 2 | 3, points: [number, number][]): number[] {
  const feature: number[] = [];
  pb.uint(1, 1, feature);
  pb.uint(3, type, feature);
  pb.packed(4, geometry(points, type === 3), feature);
  const out: number[] = [];
  pb.uint(15, 2, out);
  pb.bytes(1, [...Buffer.from(name)], out);
  pb.bytes(2, feature, out);
  pb.uint(5, 4096, out);
  return out;
}

function vectorTile(): Uint8Array {
  const out: number[] = [];
  // Clockwise in tile coordinates (y down): an exterior ring.
  pb.bytes(3, layer('water', 3, [[-64, -64], [4160, -64], [4160, 4160], [-64, 4160]]), out);
  pb.bytes(3, layer('roads', 2, [[0, 2048], [4096, 2048]]), out);
  return new Uint8Array(out);
}

function directory(entries: { tileId: number; offset: number; length: number }[]): Uint8Array {
  const out: number[] = [];
  varint(entries.length, out);
  let last = 0;
  for (const e of entries) {
    varint(e.tileId - last, out);
    last = e.tileId;
  }
  for (const _ of entries) varint(1, out);
  for (const e of entries) varint(e.length, out);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, out);
  });
  return new Uint8Array(out);
}

export async function buildPmtiles(tileType: 'mvt' | 'png'): Promise<Buffer> {
  const tile = async (colour: string) =>
    tileType === 'mvt' ? vectorTile() : new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 3, background: colour } }).png().toBuffer());
  const tiles = [
    { tileId: zxyToTileId(0, 0, 0), data: await tile('#9ecae1') },
    { tileId: zxyToTileId(1, 1, 0), data: await tile('#a1d99b') },
  ].sort((a, b) => a.tileId - b.tileId);
  let offset = 0;
  const entries = tiles.map((t) => {
    const entry = { tileId: t.tileId, offset, length: t.data.length };
    offset += t.data.length;
    return entry;
  });
  const root = directory(entries);
  const metadata = Buffer.from(
    JSON.stringify({ name: 'tryggkarta-test', attribution: '© OpenStreetMap-bidragsgivare (testdata)', ...(tileType === 'mvt' ? { vector_layers: [{ id: 'roads', fields: {} }, { id: 'water', fields: {} }] } : {}) }),
  );
  const tileData = Buffer.concat(tiles.map((t) => Buffer.from(t.data)));

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOffset = 127;
  const metadataOffset = rootOffset + root.length;
  const tileDataOffset = metadataOffset + metadata.length;
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, tileDataOffset + tileData.length);
  u64(48, 0);
  u64(56, tileDataOffset);
  u64(64, tileData.length);
  u64(72, tiles.length);
  u64(80, tiles.length);
  u64(88, tiles.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(tileType === 'mvt' ? 1 : 2, 99);
  header.writeUInt8(0, 100);
  header.writeUInt8(1, 101);
  const e7 = (at: number, degrees: number) => header.writeInt32LE(Math.round(degrees * 1e7), at);
  e7(102, -180);
  e7(106, -85);
  e7(110, 180);
  e7(114, 85);
  header.writeUInt8(0, 118);
  e7(119, 16.5);
  e7(123, 59.37);
  return Buffer.concat([header, Buffer.from(root), metadata, tileData]);
}

export async function writePmtiles(path: string, tileType: 'mvt' | 'png'): Promise<Buffer> {
  const bytes = await buildPmtiles(tileType);
  writeFileSync(path, bytes);
  return bytes;
}
