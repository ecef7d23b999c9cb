import { readFile } from 'node:fs/promises';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
} from '@aws-sdk/client-iot';
import mqtt from 'mqtt';
import { startCliTestCloud, type CliTestCloud } from '../../testing/startCliTestCloud.js';

const THING = 'AMR-140';
// aws-wire §8: the robot commits on amr/<thing>/cert/commit, the answer comes on .../accepted|rejected.
const COMMIT_TOPIC = `amr/${THING}/cert/commit`;

/**
 * `renewal-failure --reenable` against the history the rotation-commit handler writes: a robot
 * commits a real rotation through the local cloud's `amr/+/cert/commit` rule, which records the
 * retired certificate on the thing as `previousCertificateId`; that certificate may then be
 * re-enabled, and one the thing never had may not.
 */
describe('renewal-failure --reenable and the rotation history', () => {
  let t: CliTestCloud;
  // The cloud's clock runs ahead by hand: creation dates have one-second resolution and the
  // handler requires the committing certificate to be newer than the old one.
  let offsetMs = 0;

  beforeAll(async () => {
    t = await startCliTestCloud({}, { clock: { now: () => Date.now() + offsetMs } });
    expect((await t.amrctl(['setup'])).code).toBe(0);
  });
  afterAll(() => t.close());

  async function productionCertificate() {
    const cert = await t.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
    await t.iot.send(
      new AttachPolicyCommand({ policyName: 'amr-device', target: cert.certificateArn }),
    );
    await t.iot.send(
      new AttachThingPrincipalCommand({ thingName: THING, principal: cert.certificateArn }),
    );
    return {
      certificateId: cert.certificateId ?? '',
      certificatePem: cert.certificatePem ?? '',
      privateKey: cert.keyPair?.PrivateKey ?? '',
    };
  }

  it('re-enables the certificate a committed rotation retired, and refuses one never owned', async () => {
    await t.iot.send(
      new CreateThingCommand({
        thingName: THING,
        attributePayload: { attributes: { serialNumber: '140' } },
      }),
    );
    const old = await productionCertificate();
    offsetMs += 2_000;
    const renewed = await productionCertificate();

    const e = t.cloud.endpoints;
    const robot = await mqtt.connectAsync({
      protocol: 'mqtts',
      host: e.iotEndpoint,
      port: e.mqttsPort,
      clientId: THING,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ca: await readFile(e.rootCaPath),
      cert: renewed.certificatePem,
      key: renewed.privateKey,
    });
    try {
      await robot.subscribeAsync(`${COMMIT_TOPIC}/+`, { qos: 1 });
      const answer = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no commit answer within 5 s')), 5_000);
        robot.once('message', (topic) => {
          clearTimeout(timer);
          resolve(topic);
        });
      });
      await robot.publishAsync(
        COMMIT_TOPIC,
        JSON.stringify({
          oldCertificateId: old.certificateId,
          newCertificateId: renewed.certificateId,
          requestId: 'r-140',
        }),
        { qos: 1 },
      );
      expect(await answer).toBe(`${COMMIT_TOPIC}/accepted`);
    } finally {
      await robot.endAsync(true);
    }
    const thing = await t.iot.send(new DescribeThingCommand({ thingName: THING }));
    expect(thing.attributes).toEqual({
      serialNumber: '140',
      previousCertificateId: old.certificateId,
    });

    // A certificate AMR-140 never had: refused, nothing changed.
    const stray = await t.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: false }));
    const refused = await t.amrctl([
      'runbook',
      'renewal-failure',
      THING,
      '--reenable',
      stray.certificateId ?? '',
    ]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^amrctl: Certificate ${stray.certificateId ?? ''} was never "${THING}"'s: .*previousCertificateId \\(${old.certificateId}\\)`,
        'u',
      ),
    );
    const strayStatus = await t.iot.send(
      new DescribeCertificateCommand({ certificateId: stray.certificateId }),
    );
    expect(strayStatus.certificateDescription?.status).toBe('INACTIVE');

    // The retired one: INACTIVE, detached from thing and policy by the commit, re-enabled.
    const reenabled = await t.amrctl([
      'runbook',
      'renewal-failure',
      THING,
      '--reenable',
      old.certificateId,
      '--json',
    ]);
    expect(reenabled.code).toBe(0);
    expect(JSON.parse(reenabled.stdout)).toMatchObject({
      reenabled: {
        certificateId: old.certificateId,
        previousStatus: 'INACTIVE',
        attachedToThing: true,
        attachedPolicy: 'amr-device',
      },
    });
  });
});
