/** Figures and tables for the printout. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p50 of 30 values is the 15th smallest.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : 'n/a');
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const int = (v: number) => Math.round(v).toLocaleString('en-US');
export const rate = (rows: number, millis: number) => `${int((rows / millis) * 1000)}/s`;

export function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned = headers.map((_, i) => i > 0)): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function heading(text: string) {
  console.log(`\n── ${text} ${'─'.repeat(Math.max(0, 78 - text.length))}`);
}

export interface Verdict {
  metric: string;
  value: string;
  target: string;
  pass: boolean | null;
}

export function verdictTable(verdicts: readonly Verdict[]): string {
  return table(
    ['metric', 'value', 'target', 'result'],
    verdicts.map((v) => [v.metric, v.value, v.target, v.pass === null ? 'info' : v.pass ? 'PASS' : 'FAIL']),
    [false, true, false, false],
  );
}
