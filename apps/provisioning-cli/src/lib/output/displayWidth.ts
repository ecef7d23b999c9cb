// Full-width (East Asian Wide/Fullwidth) ranges that terminals draw two cells wide: enough for the
// Japanese text amrctl prints in tables.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Number of terminal cells `text` takes: 2 for wide CJK characters, 1 for everything else. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
