/** What the result panel shows about the current hotspot query. */
export type ResultState =
  | { kind: 'loading' }
  /** No query can run (no category chosen, invalid dates); `message` says why. */
  | { kind: 'blocked'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; total: number; cells: number };
