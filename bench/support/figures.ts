/** The one output format `bench/run-all.ts` collects: `FIGURE <name> <value> <unit>`. */
export function printFigure(name: string, value: number, unit: string): void {
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
  process.stdout.write(`FIGURE ${name} ${rounded} ${unit}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const MB = 1024 * 1024;
