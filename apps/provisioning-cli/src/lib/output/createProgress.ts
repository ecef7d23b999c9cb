import type { CliIo } from '../io/types.js';

/** A progress indicator for a batch of `total` items. */
export interface Progress {
  /** One more item done; `label` names it (e.g. the serial). */
  tick(label?: string): void;
  /** Clears the bar (the caller prints its own summary). */
  done(): void;
}

const BAR_WIDTH = 24;

/**
 * A progress bar on standard error, `[#####.......] 3/10 AMR-003`, redrawn in place with `\r`.
 * Draws nothing unless `io.isTTY` (pipes, logs and CI output stay clean).
 *
 * @param io where to draw.
 * @param total number of items; `0` draws nothing.
 */
export function createProgress(io: CliIo, total: number): Progress {
  const enabled = io.isTTY === true && total > 0;
  let completed = 0;
  let drawn = 0;
  const draw = (label: string): void => {
    const filled = Math.round((completed / total) * BAR_WIDTH);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${completed}/${total} ${label}`;
    io.stderr.write(`\r${text}${' '.repeat(Math.max(0, drawn - text.length))}`);
    drawn = text.length;
  };
  if (enabled) draw('');
  return {
    tick(label = '') {
      completed = Math.min(total, completed + 1);
      if (enabled) draw(label);
    },
    done() {
      if (enabled && drawn > 0) io.stderr.write(`\r${' '.repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
