import { displayWidth } from './displayWidth.js';

/**
 * Renders rows as a plain-text table: a header line, a dashed rule, one line per row, columns
 * padded to their widest cell (wide CJK characters count two cells) and separated by two spaces.
 * Trailing spaces are trimmed. An empty `rows` gives the header and rule only.
 *
 * @param headers column titles.
 * @param rows cells per row; missing cells print empty.
 * @returns the table, ending in a newline.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return cell + ' '.repeat(width - displayWidth(cell));
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
    .map((text) => `${text}\n`)
    .join('');
}
