import {
  AmrCommandAckSchema,
  AmrCommandSchema,
  AmrStatusSchema,
  HeartbeatSchema,
  RequestIdSchema,
  RotationCommitAcceptedSchema,
  RotationCommitRejectedSchema,
  RotationCommitRequestSchema,
} from './schemas.js';

const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const OLD_CERT = 'a'.repeat(64);
const NEW_CERT = 'b'.repeat(64);

describe('HeartbeatSchema', () => {
  it('accepts a heartbeat with and without uptime', () => {
    const beat = { thingName: 'AMR-001', seq: 0, sentAt: NOW, uptimeS: 12.5 };
    expect(HeartbeatSchema.parse(beat)).toEqual(beat);
    expect(HeartbeatSchema.safeParse({ thingName: 'AMR-001', seq: 42, sentAt: NOW }).success).toBe(
      true,
    );
  });

  it.each([
    { thingName: 'a/b', seq: 0, sentAt: NOW },
    { thingName: 'AMR-001', seq: -1, sentAt: NOW },
    { thingName: 'AMR-001', seq: 1.5, sentAt: NOW },
    { thingName: 'AMR-001', seq: '1', sentAt: NOW },
    { thingName: 'AMR-001', seq: 1, sentAt: NOW + 0.5 },
    { thingName: 'AMR-001', seq: 1, sentAt: -1 },
    { thingName: 'AMR-001', seq: 1, sentAt: new Date(NOW).toISOString() },
    { thingName: 'AMR-001', seq: 1, sentAt: NOW, uptimeS: -3 },
    { seq: 1, sentAt: NOW },
  ])('refuses %j', (payload) => {
    expect(HeartbeatSchema.safeParse(payload).success).toBe(false);
  });
});

describe('AmrStatusSchema', () => {
  const full = {
    thingName: 'AMR-001',
    online: true,
    state: 'moving',
    battery: 87.5,
    position: { x: 12.3, y: -4, theta: 1.57 },
    mission: 'M-42',
    certificateId: NEW_CERT,
    updatedAt: NOW,
  };

  it('accepts a full status, a minimal one and the Last Will form', () => {
    expect(AmrStatusSchema.parse(full)).toEqual(full);
    expect(
      AmrStatusSchema.safeParse({
        thingName: 'AMR-001',
        online: true,
        state: 'idle',
        updatedAt: NOW,
      }).success,
    ).toBe(true);
    expect(
      AmrStatusSchema.safeParse({
        thingName: 'AMR-001',
        online: false,
        state: 'offline',
        mission: null,
        updatedAt: NOW,
      }).success,
    ).toBe(true);
  });

  it('accepts the last input error, or null', () => {
    const lastError = {
      source: 'shadowDelta',
      reason: 'Ignored a shadow delta of 20000 bytes, expected at most 16384',
      at: NOW,
    };
    expect(AmrStatusSchema.parse({ ...full, lastError })).toEqual({ ...full, lastError });
    expect(AmrStatusSchema.safeParse({ ...full, lastError: null }).success).toBe(true);
    const command = { source: 'command', command: 'call', reason: 'expected JSON', at: NOW };
    expect(AmrStatusSchema.safeParse({ ...full, lastError: command }).success).toBe(true);
  });

  it.each([
    { ...full, state: 'flying' },
    { ...full, online: 'yes' },
    { ...full, battery: 101 },
    { ...full, battery: -1 },
    { ...full, position: { x: 1 } },
    { ...full, position: { x: '1', y: 2 } },
    { ...full, mission: 7 },
    { ...full, certificateId: 'ABC' },
    { ...full, updatedAt: undefined },
    { ...full, thingName: '' },
    { ...full, lastError: { source: 'email', reason: 'x', at: NOW } },
    { ...full, lastError: { source: 'command', reason: '', at: NOW } },
    { ...full, lastError: { source: 'command', reason: 'x' } },
  ])('refuses %j', (payload) => {
    expect(AmrStatusSchema.safeParse(payload).success).toBe(false);
  });
});

describe('AmrCommandSchema and AmrCommandAckSchema', () => {
  it('accept a command with and without args', () => {
    const command = { requestId: 'req-1', issuedAt: NOW, args: { station: 'A-3', speed: 0.5 } };
    expect(AmrCommandSchema.parse(command)).toEqual(command);
    expect(AmrCommandSchema.safeParse({ requestId: 'r', issuedAt: NOW }).success).toBe(true);
  });

  it.each([
    { requestId: '', issuedAt: NOW },
    { requestId: 'r'.repeat(65), issuedAt: NOW },
    { requestId: 'r', issuedAt: 'now' },
    { requestId: 'r', issuedAt: NOW, args: ['a'] },
    { requestId: 'r', issuedAt: NOW, args: 'go' },
  ])('command refuses %j', (payload) => {
    expect(AmrCommandSchema.safeParse(payload).success).toBe(false);
  });

  it('RequestIdSchema allows 1 to 64 characters', () => {
    expect(RequestIdSchema.safeParse('r'.repeat(64)).success).toBe(true);
    expect(RequestIdSchema.safeParse('r'.repeat(65)).success).toBe(false);
  });

  it.each(['accepted', 'rejected', 'done', 'failed'])('ack accepts status %s', (status) => {
    const ack = { requestId: 'req-1', command: 'call', status, at: NOW };
    expect(AmrCommandAckSchema.parse(ack)).toEqual(ack);
  });

  it('ack accepts requestId null (the request id of the command was unreadable)', () => {
    const ack = { requestId: null, command: 'call', status: 'rejected', reason: 'x', at: NOW };
    expect(AmrCommandAckSchema.parse(ack)).toEqual(ack);
  });

  it.each([
    { requestId: 'req-1', command: 'call', status: 'ok', at: NOW },
    { requestId: '', command: 'call', status: 'rejected', at: NOW },
    { requestId: 'req-1', command: 'Call', status: 'done', at: NOW },
    { requestId: 'req-1', command: 'call', status: 'failed', reason: 5, at: NOW },
    { requestId: 'req-1', command: 'call', status: 'done' },
  ])('ack refuses %j', (payload) => {
    expect(AmrCommandAckSchema.safeParse(payload).success).toBe(false);
  });
});

describe('rotation commit payloads', () => {
  it('accept a request, an acceptance and rejections', () => {
    const request = { oldCertificateId: OLD_CERT, newCertificateId: NEW_CERT, requestId: 'rot-1' };
    expect(RotationCommitRequestSchema.parse(request)).toEqual(request);
    expect(
      RotationCommitAcceptedSchema.parse({
        requestId: 'rot-1',
        deactivatedCertificateId: OLD_CERT,
      }),
    ).toEqual({ requestId: 'rot-1', deactivatedCertificateId: OLD_CERT });
    expect(
      RotationCommitRejectedSchema.safeParse({
        requestId: 'rot-1',
        code: 'NOT_CONNECTED_WITH_NEW_CERTIFICATE',
        message: 'The connection does not use the new certificate',
      }).success,
    ).toBe(true);
    expect(
      RotationCommitRejectedSchema.safeParse({ code: 'INVALID_REQUEST', message: '' }).success,
    ).toBe(true);
  });

  it('refuses a request whose new certificate is the old one', () => {
    const result = RotationCommitRequestSchema.safeParse({
      oldCertificateId: OLD_CERT,
      newCertificateId: OLD_CERT,
      requestId: 'rot-1',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['newCertificateId'],
      message: 'Expected newCertificateId to differ from oldCertificateId',
    });
  });

  it.each([
    { oldCertificateId: OLD_CERT.toUpperCase(), newCertificateId: NEW_CERT, requestId: 'r' },
    { oldCertificateId: OLD_CERT, newCertificateId: 'b'.repeat(63), requestId: 'r' },
    { oldCertificateId: OLD_CERT, newCertificateId: NEW_CERT },
  ])('request refuses %j', (payload) => {
    expect(RotationCommitRequestSchema.safeParse(payload).success).toBe(false);
  });

  it('accepted and rejected refuse wrong types', () => {
    expect(
      RotationCommitAcceptedSchema.safeParse({ requestId: 'r', deactivatedCertificateId: 'x' })
        .success,
    ).toBe(false);
    expect(RotationCommitRejectedSchema.safeParse({ code: '', message: 'm' }).success).toBe(false);
    expect(RotationCommitRejectedSchema.safeParse({ code: 'X' }).success).toBe(false);
  });
});
