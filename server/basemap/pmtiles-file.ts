import { open } from 'node:fs/promises';
import { PMTiles, type Header, type RangeResponse, type Source } from 'pmtiles';

/** A PMTiles archive on the server's disk, read with the same library the browser uses. */
class FileRangeSource implements Source {
  constructor(private readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const file = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      const bytes = buffer.subarray(0, bytesRead);
      return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    } finally {
      await file.close();
    }
  }
}

export interface ArchiveInfo {
  header: Header;
  metadata: ArchiveMetadata;
}

/** The parts of the archive's JSON metadata the style uses (TileJSON-like; all optional). */
export interface ArchiveMetadata {
  name?: string;
  attribution?: string;
  vector_layers?: { id: string }[];
}

/** Header and metadata of the archive; throws when the file is not a PMTiles v3 archive. */
export async function readArchiveInfo(path: string): Promise<ArchiveInfo> {
  const archive = new PMTiles(new FileRangeSource(path));
  const header = await archive.getHeader();
  const metadata = ((await archive.getMetadata()) ?? {}) as ArchiveMetadata;
  return { header, metadata };
}
