/** One AMR as the summary shows it. */
export interface FleetSummaryRow {
  serial: string;
  /** Known once the robot provisioned (RegisterThing). */
  thingName?: string;
  /** Rotation machine state: `operating`, `renewing`, `recovering`, `backoff`, ... */
  phase: string;
  /** Whether the production connection is up. */
  connected: boolean;
  certificateId?: string;
  /** Epoch ms. */
  notAfter?: number;
  /** Epoch ms of the last heartbeat the cloud received. */
  lastHeartbeatAt?: number;
  /** `state` of the robot's last status (idle, moving, charging, error, offline). */
  robotState?: string;
  battery?: number;
}

/** Where the summary says logs are and how to stop. */
export interface SummaryContext {
  now: number;
  logDir: string;
}

// The design's UI treats a robot whose heartbeat is missing for 25 s as unreachable (design 2.2).
const HEARTBEAT_STALE_MS = 25_000;

/**
 * Renders the fleet as a fixed-width table for a terminal, Japanese first, English second.
 * Pure: the caller decides when to print and whether to clear the screen.
 */
export function renderSummary(rows: readonly FleetSummaryRow[], context: SummaryContext): string {
  const header = [
    'AMR',
    '動作 State',
    '接続 Link',
    '証明書 Certificate',
    '有効期限 Expires (UTC)',
    '残り Left',
    '最終HB Last HB',
    '電池 Battery',
    '証明書更新 Rotation',
  ];
  const body = rows.map((row) => [
    row.thingName ?? `(${row.serial})`,
    row.robotState ?? '-',
    row.connected ? 'online' : 'offline',
    row.certificateId === undefined ? '-' : `${row.certificateId.slice(0, 12)}…`,
    row.notAfter === undefined ? '-' : formatUtc(row.notAfter),
    row.notAfter === undefined ? '-' : formatDuration(row.notAfter - context.now),
    row.lastHeartbeatAt === undefined
      ? '-'
      : `${formatDuration(context.now - row.lastHeartbeatAt)} ago` +
        (context.now - row.lastHeartbeatAt > HEARTBEAT_STALE_MS ? ' !' : ''),
    row.battery === undefined ? '-' : `${Math.round(row.battery)} %`,
    row.phase,
  ]);
  const widths = header.map((cell, column) =>
    Math.max(displayWidth(cell), ...body.map((line) => displayWidth(line[column] ?? ''))),
  );
  const format = (cells: string[]): string =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell)))
      .join('  ')
      .trimEnd();
  const online = rows.filter((row) => row.connected).length;
  return [
    `iot-gateway-net ローカルスタック / local stack — ${formatUtc(context.now, true)} UTC — ` +
      `${online}/${rows.length} online`,
    '',
    format(header),
    ...body.map(format),
    '',
    `「!」= 25 秒以上ハートビートなし / no heartbeat for 25 s or more`,
    `ログ / logs: ${context.logDir}    停止 / stop: Ctrl+C`,
  ].join('\n');
}

function formatUtc(epochMs: number, seconds = false): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)}`;
}

/** `45 s`, `12 min`, `5 h`, `364 d`; negative durations get a minus sign. */
function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 120) return `${sign}${s} s`;
  if (s < 7200) return `${sign}${Math.floor(s / 60)} min`;
  if (s < 172_800) return `${sign}${Math.floor(s / 3600)} h`;
  return `${sign}${Math.floor(s / 86_400)} d`;
}

/** Terminal columns of `text`: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}
