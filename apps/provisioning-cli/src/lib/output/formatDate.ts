/** `2026-11-22 05:00Z`: a date short enough for a table, in UTC so every site reads the same. */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '-';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}
