import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { TIMESYNC_FLAG_PATH } from './constants.js';

/**
 * Whether the system clock is synchronised by NTP: `/run/systemd/timesync/synchronized` exists
 * (systemd-timesyncd), or `timedatectl show -p NTPSynchronized --value` prints `yes` (any NTP
 * daemon systemd knows, e.g. chrony). Never throws: no systemd, no timedatectl → `false`.
 *
 * @param options.timeoutMs - how long timedatectl may take. Defaults to `2_000` ms.
 */
export async function probeClockSynchronized(
  options: { timeoutMs?: number } = {},
): Promise<boolean> {
  try {
    await access(TIMESYNC_FLAG_PATH);
    return true;
  } catch {
    // Not systemd-timesyncd (or not synchronised yet): ask timedatectl.
  }
  return new Promise((resolve) => {
    execFile(
      'timedatectl',
      ['show', '-p', 'NTPSynchronized', '--value'],
      { timeout: options.timeoutMs ?? 2_000 },
      (error, stdout) => {
        resolve(error === null && stdout.trim() === 'yes');
      },
    );
  });
}
