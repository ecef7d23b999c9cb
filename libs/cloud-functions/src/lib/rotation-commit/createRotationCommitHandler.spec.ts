import { rotationCommitTopic } from '@iot-gateway-net/topics';
import { createInMemoryIot } from '../../testing/createInMemoryIot.js';
import { CloudFunctionError } from '../errors/CloudFunctionError.js';
import { PREVIOUS_CERTIFICATE_ATTRIBUTE } from './constants.js';
import { createRotationCommitHandler } from './createRotationCommitHandler.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const POLICY = 'amr-production';

async function setup() {
  const clock = { now: () => NOW };
  const iot = createInMemoryIot({ clock });
  iot.createPolicy(POLICY);
  await iot.port.createThing('amr-001');
  await iot.port.createThing('amr-002');
  const old = iot.registerCertificate({
    status: 'ACTIVE',
    creationDate: new Date('2025-12-01T00:00:00Z'),
    seed: 'old',
  });
  const fresh = iot.registerCertificate({
    status: 'ACTIVE',
    creationDate: new Date('2026-11-21T00:00:00Z'),
    seed: 'new',
  });
  const other = iot.registerCertificate({
    status: 'ACTIVE',
    creationDate: new Date('2026-11-21T12:00:00Z'),
    seed: 'other',
  });
  for (const [thing, certificate] of [
    ['amr-001', old],
    ['amr-001', fresh],
    ['amr-002', other],
  ] as const) {
    await iot.port.attachThingPrincipal(thing, certificate.certificateArn);
    await iot.port.attachPolicy(POLICY, certificate.certificateArn);
  }
  const logs: { event: string; fields: Readonly<Record<string, unknown>> }[] = [];
  const handler = createRotationCommitHandler({
    iot: iot.port,
    clock,
    log: (event, fields) => logs.push({ event, fields }),
  });
  return { iot, old, fresh, other, logs, handler };
}

function ruleEvent(
  payload: Record<string, unknown>,
  connection: { principal: string; clientId?: string; thingName?: string },
) {
  const thingName = connection.thingName ?? 'amr-001';
  return {
    ...payload,
    topic: rotationCommitTopic(thingName),
    clientId: connection.clientId ?? thingName,
    principal: connection.principal,
    timestamp: NOW.getTime(),
  };
}

const MUTATIONS = new Set([
  'UpdateCertificate',
  'DetachThingPrincipal',
  'AttachThingPrincipal',
  'AttachPolicy',
  'DetachPolicy',
  'CreateThing',
  'UpdateThing',
]);

describe('createRotationCommitHandler', () => {
  it('accepts a commit from the new certificate and retires the old one', async () => {
    const { iot, old, fresh, handler, logs } = await setup();
    const answer = await handler(
      ruleEvent(
        {
          oldCertificateId: old.certificateId,
          newCertificateId: fresh.certificateId,
          requestId: 'r1',
        },
        { principal: fresh.certificateId },
      ),
    );
    expect(answer).toEqual({
      outcome: 'accepted',
      topic: 'amr/amr-001/cert/commit/accepted',
      payload: { requestId: 'r1', deactivatedCertificateId: old.certificateId },
    });
    expect((await iot.port.describeCertificate(old.certificateId))?.status).toBe('INACTIVE');
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([fresh.certificateArn]);
    expect(await iot.port.listAttachedPolicies(old.certificateArn)).toEqual([]);
    expect((await iot.port.describeCertificate(fresh.certificateId))?.status).toBe('ACTIVE');
    expect(await iot.port.listAttachedPolicies(fresh.certificateArn)).toEqual([POLICY]);
    // The retired certificate is recorded on the thing: the registry keeps no other history.
    expect(iot.thingAttributes('amr-001')).toEqual({
      [PREVIOUS_CERTIFICATE_ATTRIBUTE]: old.certificateId,
    });
    expect(PREVIOUS_CERTIFICATE_ATTRIBUTE).toBe('previousCertificateId');
    expect(logs.map((l) => l.event)).toEqual(['rotation.commit.accepted']);
  });

  it("records previousCertificateId with merge, keeping the thing's other attributes", async () => {
    const { iot, old, fresh, handler } = await setup();
    await iot.port.updateThingAttributes('amr-001', {
      serialNumber: '001',
      [PREVIOUS_CERTIFICATE_ATTRIBUTE]: 'a'.repeat(64),
    });
    await handler(
      ruleEvent(
        {
          oldCertificateId: old.certificateId,
          newCertificateId: fresh.certificateId,
          requestId: 'r1',
        },
        { principal: fresh.certificateId },
      ),
    );
    expect(iot.thingAttributes('amr-001')).toEqual({
      serialNumber: '001',
      [PREVIOUS_CERTIFICATE_ATTRIBUTE]: old.certificateId,
    });
    expect(iot.thingAttributes('amr-002')).toEqual({});
  });

  it('detaches the thing last, so that ownership is still provable if a step fails', async () => {
    const { iot, old, fresh, handler } = await setup();
    const before = iot.calls.length;
    await handler(
      ruleEvent(
        {
          oldCertificateId: old.certificateId,
          newCertificateId: fresh.certificateId,
          requestId: 'r1',
        },
        { principal: fresh.certificateId },
      ),
    );
    const mutations = iot.calls
      .slice(before)
      .filter((c) => MUTATIONS.has(c.operation))
      .map((c) => c.operation);
    expect(mutations).toEqual([
      'UpdateCertificate',
      'DetachPolicy',
      'UpdateThing',
      'DetachThingPrincipal',
    ]);
  });

  it('accepts a repeated commit without touching anything', async () => {
    const { iot, old, fresh, handler, logs } = await setup();
    const event = ruleEvent(
      {
        oldCertificateId: old.certificateId,
        newCertificateId: fresh.certificateId,
        requestId: 'r1',
      },
      { principal: fresh.certificateId },
    );
    await handler(event);
    const before = iot.calls.length;
    const snapshot = iot.snapshot();
    const again = await handler(event);
    expect(again.outcome).toBe('accepted');
    expect(again.payload).toEqual({ requestId: 'r1', deactivatedCertificateId: old.certificateId });
    expect(iot.calls.slice(before).filter((c) => MUTATIONS.has(c.operation))).toEqual([]);
    expect(iot.snapshot()).toEqual(snapshot);
    expect(logs[1]?.fields['repeated']).toBe(true);
  });

  it('answers INTERNAL when a step fails and finishes the job on retry', async () => {
    const { iot, old, fresh, handler } = await setup();
    const event = ruleEvent(
      {
        oldCertificateId: old.certificateId,
        newCertificateId: fresh.certificateId,
        requestId: 'r1',
      },
      { principal: fresh.certificateId },
    );
    iot.failNext('DetachThingPrincipal', new Error('ThrottlingException'));
    const first = await handler(event);
    expect(first.outcome).toBe('rejected');
    expect(first.payload).toMatchObject({ code: 'INTERNAL', requestId: 'r1' });
    expect(await iot.port.listThingPrincipals('amr-001')).toContain(old.certificateArn);

    const second = await handler(event);
    expect(second.outcome).toBe('accepted');
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([fresh.certificateArn]);
    expect((await iot.port.describeCertificate(old.certificateId))?.status).toBe('INACTIVE');
    expect(iot.thingAttributes('amr-001')).toEqual({
      [PREVIOUS_CERTIFICATE_ATTRIBUTE]: old.certificateId,
    });
  });

  it('answers INTERNAL when recording previousCertificateId fails, and still owns the old certificate', async () => {
    const { iot, old, fresh, handler } = await setup();
    const event = ruleEvent(
      {
        oldCertificateId: old.certificateId,
        newCertificateId: fresh.certificateId,
        requestId: 'r1',
      },
      { principal: fresh.certificateId },
    );
    iot.failNext('UpdateThing', new Error('ThrottlingException'));
    const first = await handler(event);
    expect(first.payload).toMatchObject({ code: 'INTERNAL', requestId: 'r1' });
    // Not detached yet: the retry still proves ownership and writes the record.
    expect(await iot.port.listThingPrincipals('amr-001')).toContain(old.certificateArn);
    expect(iot.thingAttributes('amr-001')).toEqual({});
    const second = await handler(event);
    expect(second.outcome).toBe('accepted');
    expect(iot.thingAttributes('amr-001')).toEqual({
      [PREVIOUS_CERTIFICATE_ATTRIBUTE]: old.certificateId,
    });
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([fresh.certificateArn]);
  });

  it('still retires the old certificate when AWS refuses the record for good (InvalidRequestException)', async () => {
    const { iot, old, fresh, handler, logs } = await setup();
    iot.failNext(
      'UpdateThing',
      Object.assign(new Error('A thing without a thing type has at most 3 attributes'), {
        name: 'InvalidRequestException',
      }),
    );
    const answer = await handler(
      ruleEvent(
        {
          oldCertificateId: old.certificateId,
          newCertificateId: fresh.certificateId,
          requestId: 'r1',
        },
        { principal: fresh.certificateId },
      ),
    );
    expect(answer.outcome).toBe('accepted');
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([fresh.certificateArn]);
    expect((await iot.port.describeCertificate(old.certificateId))?.status).toBe('INACTIVE');
    expect(iot.thingAttributes('amr-001')).toEqual({});
    expect(logs.map((entry) => entry.event)).toContain('rotation.commit.history_not_recorded');
  });

  it('leaves a REVOKED old certificate REVOKED', async () => {
    const { iot, old, fresh, handler } = await setup();
    await iot.port.updateCertificate(old.certificateId, 'REVOKED');
    const answer = await handler(
      ruleEvent(
        {
          oldCertificateId: old.certificateId,
          newCertificateId: fresh.certificateId,
          requestId: 'r1',
        },
        { principal: fresh.certificateId },
      ),
    );
    expect(answer.outcome).toBe('accepted');
    expect((await iot.port.describeCertificate(old.certificateId))?.status).toBe('REVOKED');
    expect(await iot.port.listThingPrincipals('amr-001')).toEqual([fresh.certificateArn]);
  });

  describe('rejects and changes nothing', () => {
    type Setup = Awaited<ReturnType<typeof setup>>;
    const cases: [string, string, (s: Setup) => unknown][] = [
      [
        'published with the old certificate',
        'WRONG_PRINCIPAL',
        ({ old, fresh }) =>
          ruleEvent(
            {
              oldCertificateId: old.certificateId,
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: old.certificateId },
          ),
      ],
      [
        'the old certificate asking to retire the new one',
        'NOT_NEWER',
        ({ old, fresh }) =>
          ruleEvent(
            {
              oldCertificateId: fresh.certificateId,
              newCertificateId: old.certificateId,
              requestId: 'r',
            },
            { principal: old.certificateId },
          ),
      ],
      [
        'published with a certificate of another thing',
        'NOT_ATTACHED',
        ({ old, other }) =>
          ruleEvent(
            {
              oldCertificateId: old.certificateId,
              newCertificateId: other.certificateId,
              requestId: 'r',
            },
            { principal: other.certificateId },
          ),
      ],
      [
        'naming a certificate of another thing',
        'OLD_NOT_ATTACHED',
        ({ fresh, other }) =>
          ruleEvent(
            {
              oldCertificateId: other.certificateId,
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: fresh.certificateId },
          ),
      ],
      [
        'a client id that is not the thing',
        'WRONG_CLIENT_ID',
        ({ old, fresh }) =>
          ruleEvent(
            {
              oldCertificateId: old.certificateId,
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: fresh.certificateId, clientId: 'amr-002' },
          ),
      ],
      [
        'a publishing certificate not newer than the old one',
        'NOT_NEWER',
        async ({ iot, old }) => {
          const older = iot.registerCertificate({
            status: 'ACTIVE',
            creationDate: new Date('2025-01-01T00:00:00Z'),
            seed: 'older',
          });
          await iot.port.attachThingPrincipal('amr-001', older.certificateArn);
          return ruleEvent(
            {
              oldCertificateId: old.certificateId,
              newCertificateId: older.certificateId,
              requestId: 'r',
            },
            { principal: older.certificateId },
          );
        },
      ],
      [
        'a publishing certificate that is not ACTIVE',
        'NEW_NOT_ACTIVE',
        async ({ iot, old, fresh }) => {
          await iot.port.updateCertificate(fresh.certificateId, 'INACTIVE');
          return ruleEvent(
            {
              oldCertificateId: old.certificateId,
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: fresh.certificateId },
          );
        },
      ],
      [
        'an unknown old certificate',
        'OLD_NOT_FOUND',
        ({ fresh }) =>
          ruleEvent(
            {
              oldCertificateId: 'f'.repeat(64),
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: fresh.certificateId },
          ),
      ],
      [
        'a payload without requestId',
        'INVALID_REQUEST',
        ({ old, fresh }) =>
          ruleEvent(
            { oldCertificateId: old.certificateId, newCertificateId: fresh.certificateId },
            { principal: fresh.certificateId },
          ),
      ],
      [
        'the same certificate as old and new',
        'INVALID_REQUEST',
        ({ fresh }) =>
          ruleEvent(
            {
              oldCertificateId: fresh.certificateId,
              newCertificateId: fresh.certificateId,
              requestId: 'r',
            },
            { principal: fresh.certificateId },
          ),
      ],
    ];

    it.each(cases)('%s → %s', async (_name, code, makeEvent) => {
      const s = await setup();
      const event = await makeEvent(s);
      const snapshot = s.iot.snapshot();
      const answer = await s.handler(event);
      expect(answer.outcome).toBe('rejected');
      expect(answer.topic).toBe('amr/amr-001/cert/commit/rejected');
      expect(answer.payload).toMatchObject({ code });
      expect((answer.payload as { message: string }).message.length).toBeGreaterThan(0);
      expect(s.iot.snapshot()).toEqual(snapshot);
      expect(s.logs.map((l) => l.event)).toEqual(['rotation.commit.rejected']);
    });
  });

  it('echoes the requestId of an otherwise invalid request when it can', async () => {
    const { fresh, handler } = await setup();
    const answer = await handler(
      ruleEvent(
        { newCertificateId: fresh.certificateId, requestId: 'r9' },
        { principal: fresh.certificateId },
      ),
    );
    expect(answer.payload).toMatchObject({ code: 'INVALID_REQUEST', requestId: 'r9' });
    expect((answer.payload as { message: string }).message).toContain('oldCertificateId');
  });

  it.each([
    ['no envelope', { requestId: 'r' }],
    [
      'a non-numeric timestamp',
      { topic: 'amr/amr-001/cert/commit', clientId: 'a', principal: 'p', timestamp: 'x' },
    ],
    ['another topic', { topic: 'amr/amr-001/status', clientId: 'a', principal: 'p', timestamp: 1 }],
    ['a non-object', 'hello'],
  ])('throws INVALID_EVENT for %s', async (_name, event) => {
    const { handler } = await setup();
    const error: unknown = await handler(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudFunctionError);
    expect(error).toMatchObject({ code: 'INVALID_EVENT' });
  });
});
