/** Why a statistic could not be computed; the service maps `region_too_small` to HTTP 422. */
export type StatsErrorCode = 'region_too_small' | 'invalid_input';

/** The one error the pure statistics throw: a closed code the service layer can translate. */
export class StatsError extends Error {
  constructor(
    readonly code: StatsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatsError';
  }
}
