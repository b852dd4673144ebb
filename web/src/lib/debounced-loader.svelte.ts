import { isAbortError } from './api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a resource for the latest of a stream of requests: waits `delayMs` for the input to
 * settle, then fetches, aborting any request still in flight so a slow stale answer can never
 * overwrite a newer one. The last good data stays visible while the next loads.
 */
export class DebouncedLoader<Input, Output> {
  status = $state<LoadStatus>('idle');
  data = $state.raw<Output | null>(null);
  error = $state.raw<unknown>(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;
  #lastInput: Input | null = null;
  readonly #fetch: (input: Input, signal: AbortSignal) => Promise<Output>;
  readonly #delayMs: number;

  constructor(fetcher: (input: Input, signal: AbortSignal) => Promise<Output>, delayMs = 250) {
    this.#fetch = fetcher;
    this.#delayMs = delayMs;
  }

  request(input: Input): void {
    this.cancel();
    this.#lastInput = input;
    this.status = 'loading';
    this.#timer = setTimeout(() => void this.#run(input), this.#delayMs);
  }

  /** Run the last request again at once, e.g. from a "try again" button. */
  retry(): void {
    if (this.#lastInput === null) return;
    this.cancel();
    this.status = 'loading';
    void this.#run(this.#lastInput);
  }

  /** Forget the current data, e.g. when the filters cannot match anything. */
  clear(): void {
    this.cancel();
    this.data = null;
    this.error = null;
    this.status = 'idle';
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
  }

  async #run(input: Input): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const data = await this.#fetch(input, controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      if (isAbortError(error) || controller.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }
}
