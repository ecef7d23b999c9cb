/**
 * The earliest wall-clock time this build of the daemon may believe (2026-11-01T00:00:00Z): a
 * clock earlier than this is certainly wrong (a Raspberry Pi without a real-time clock boots at
 * the last saved time or at 1970). It is a constant in the source, moved forward at each release,
 * rather than the files' modification time: npm packs every file with the fixed mtime
 * 1985-10-26, and an image copied by a tool may carry any date. The config's
 * `rotation.buildTime` overrides it.
 */
export const DEVICE_BUILD_TIME = Date.UTC(2026, 10, 1);

/** Systemd-timesyncd creates this file once the clock is synchronised (systemd-timesyncd.service(8)). */
export const TIMESYNC_FLAG_PATH = '/run/systemd/timesync/synchronized';
