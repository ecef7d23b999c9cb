import { CliError } from '../errors/CliError.js';
import { parseSerial } from '../claim/parseSerial.js';

/** One usable row of a serials CSV. */
export interface SerialRow {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly serial: string;
}

/** A row that was refused, with its line number. */
export interface CsvRowError {
  readonly line: number;
  readonly message: string;
}

/**
 * Reads a CSV of serial numbers: the first column of each line is the serial (further columns
 * are ignored, surrounding double quotes removed); an optional header whose first cell is
 * `serial`; blank lines and lines starting with `#` are skipped. Invalid serials and duplicates
 * become {@link CsvRowError}s naming their line, and the other rows are still returned.
 */
export function parseSerialCsv(text: string): { rows: SerialRow[]; errors: CsvRowError[] } {
  const rows: SerialRow[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cell = (trimmed.split(',')[0] ?? '')
      .trim()
      .replace(/^"(.*)"$/u, '$1')
      .trim();
    if (line === firstContentLine(text) && cell.toLowerCase() === 'serial') return;
    try {
      const serial = parseSerial(cell);
      const earlier = seen.get(serial);
      if (earlier !== undefined) {
        errors.push({ line, message: `duplicate serial "${serial}" (first on line ${earlier})` });
        return;
      }
      seen.set(serial, line);
      rows.push({ line, serial });
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      errors.push({ line, message: error.message });
    }
  });
  return { rows, errors };
}

function firstContentLine(text: string): number {
  const lines = text.split(/\r?\n/u);
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return index + 1;
}
