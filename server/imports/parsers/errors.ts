/**
 * Errors that reject a whole import body before or while rows are parsed. Row-level problems are
 * never thrown: they are yielded as `{ kind: 'error' }` items so one bad row does not stop the rest.
 */

/** A bad query option or an unusable CSV header. The import route answers 400 naming `field`. */
export class CsvOptionsError extends Error {
  override readonly name = 'CsvOptionsError';
  constructor(
    /** Query parameter (`crs`, `latColumn`, ...), canonical column (`lat`, `observed_at`) or `header`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body is not parseable as the declared format (broken JSON, not a FeatureCollection...). */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
  constructor(
    message: string,
    /** Approximate byte offset into the body where parsing failed, when known. */
    readonly position: number | null = null,
  ) {
    super(position === null ? message : `${message} (near byte ${position})`);
  }
}
