/** Small pure helpers for the benchmark's figures. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "–";
}

/** `7.4–7.8 s` for a set of runs. */
export function range(values: readonly number[]): string {
  if (values.length === 0) return "–";
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? seconds(low) : `${(low / 1000).toFixed(1)}–${seconds(high)}`;
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a / b) ? (a / b).toFixed(2) : "–";
}

/** `1.02–1.19` for the ratios of several reps (`–` without any). */
export function ratioRange(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return "–";
  return `${Math.min(...finite).toFixed(2)}–${Math.max(...finite).toFixed(2)}`;
}

export function verdict(value: number, target: number): string {
  return Number.isFinite(value) ? (value <= target ? "met" : "**missed**") : "–";
}

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
