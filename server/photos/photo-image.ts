import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { HttpError } from '../http/errors';
import type { PhotoContentType } from '../db/schema';

/** Largest upload: a phone's full-resolution JPEG fits; anything bigger is refused with 413. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Longest side of the stored image: sharp on a protocol page and a phone screen, about 0.5 MB. */
export const STORED_LONGEST_SIDE = 2048;
export const THUMB_LONGEST_SIDE = 400;
/**
 * Decoding limit: a 200-megapixel phone photo decodes, a small PNG that claims 50,000 × 50,000
 * pixels (a decompression bomb) does not.
 */
const MAX_INPUT_PIXELS = 200_000_000;

/** The image type by its first bytes, never by a file name or a Content-Type header. */
export function sniffImageType(bytes: Uint8Array): PhotoContentType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

export interface ProcessedPhoto {
  contentType: PhotoContentType;
  image: Buffer;
  width: number;
  height: number;
  thumb: Buffer;
  thumbWidth: number;
  thumbHeight: number;
  originalSha256: string;
  originalBytes: number;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Turns an upload into what is stored: turned upright by its EXIF orientation, at most 2048 px on
 * its longest side, re-encoded as JPEG, and stripped of every metadata block (EXIF with GPS, XMP,
 * IPTC) unless `keepLocation`, which keeps the EXIF as it was. The thumbnail never carries
 * metadata. Re-encoding also drops whatever else a file carried after its image data.
 */
export async function processPhoto(upload: Buffer, keepLocation: boolean): Promise<ProcessedPhoto> {
  const type = sniffImageType(upload);
  if (!type) {
    throw new HttpError(415, 'unsupported_media_type', 'The body is not a JPEG, PNG or WebP image', [
      { path: '(body)', message: 'must be a JPEG, PNG or WebP image (checked by its content)' },
    ]);
  }
  try {
    const source = () => sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient().flatten({ background: '#ffffff' });
    let stored = source()
      .resize({ width: STORED_LONGEST_SIDE, height: STORED_LONGEST_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true });
    if (keepLocation) stored = stored.keepExif();
    const image = await stored.toBuffer({ resolveWithObject: true });
    const thumb = await source()
      .resize({ width: THUMB_LONGEST_SIDE, height: THUMB_LONGEST_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      contentType: 'image/jpeg',
      image: image.data,
      width: image.info.width,
      height: image.info.height,
      thumb: thumb.data,
      thumbWidth: thumb.info.width,
      thumbHeight: thumb.info.height,
      originalSha256: sha256(upload),
      originalBytes: upload.length,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]! : 'unreadable';
    throw HttpError.unprocessable('validation_failed', `The image cannot be read: ${reason}`, [
      { path: '(body)', message: `is a ${type} that cannot be decoded (${reason})` },
    ]);
  }
}
