import { renderSummary } from './renderSummary.js';

const now = Date.UTC(2026, 10, 22, 8, 30, 5);

describe('renderSummary', () => {
  it('shows each AMR with its certificate, expiry, heartbeat age and battery', () => {
    const text = renderSummary(
      [
        {
          serial: '001',
          thingName: 'AMR-001',
          phase: 'operating',
          connected: true,
          certificateId: 'a'.repeat(64),
          notAfter: now + 365 * 86_400_000,
          lastHeartbeatAt: now - 3_000,
          robotState: 'idle',
          battery: 87.4,
        },
        { serial: '002', phase: 'recovering', connected: false },
      ],
      { now, logDir: '.data/logs' },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'iot-gateway-net ローカルスタック / local stack — 2026-11-22 08:30:05 UTC — 1/2 online',
    );
    expect(lines[3]).toMatch(
      /^AMR-001 +idle +online +aaaaaaaaaaaa… +2027-11-22 08:30 +365 d +3 s ago +87 % +operating$/,
    );
    expect(lines[4]).toMatch(/^\(002\) +- +offline +- +- +- +- +- +recovering$/);
    expect(text).toContain('停止 / stop: Ctrl+C');
  });

  it('aligns columns by terminal width, counting Japanese characters as two', () => {
    const text = renderSummary(
      [{ serial: '1', thingName: 'A', phase: 'operating', connected: true }],
      { now, logDir: 'l' },
    );
    const [, , header, row] = text.split('\n');
    // "動作 State" is 10 columns wide (2 + 2 + 1 + 5): the Link column starts at the same column.
    const headerLink = header.indexOf('接続');
    const prefix = header.slice(0, headerLink);
    const prefixColumns = [...prefix].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    expect(row.indexOf('online')).toBe(prefixColumns);
  });

  it('flags a heartbeat older than 25 s and shows expired certificates with a minus sign', () => {
    const text = renderSummary(
      [
        {
          serial: '1',
          thingName: 'AMR-1',
          phase: 'recovering',
          connected: false,
          certificateId: 'b'.repeat(64),
          notAfter: now - 3 * 3_600_000,
          lastHeartbeatAt: now - 26_000,
        },
      ],
      { now, logDir: 'l' },
    );
    expect(text).toContain('26 s ago !');
    expect(text).toContain('-3 h');
  });
});
