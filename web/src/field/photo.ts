/**
 * A phone photo made small enough to queue: at most 2048 px on the longest side, re-encoded as
 * JPEG. Re-encoding also drops the EXIF block, GPS position included, before the photo is even
 * stored on the phone (the server strips it again); the browser applies the EXIF orientation
 * while decoding, so the picture stays the right way up.
 */
export const MAX_PHOTO_SIDE = 2048;
const JPEG_QUALITY = 0.85;

export interface PreparedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * The size that fits within `max` on the longest side, keeping the proportions; never enlarged.
 * @example fitWithin(4032, 3024, 2048) // { width: 2048, height: 1536 }
 */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
