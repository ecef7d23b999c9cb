import { DeviceError } from '../errors/DeviceError.js';
import { deviceRotationConfig } from './deviceRotationConfig.js';
import { parseDeviceConfig } from './parseDeviceConfig.js';

const minimal = {
  endpoint: { host: 'example-ats.iot.ap-northeast-1.amazonaws.com' },
  serialNumber: '001',
  provisioning: { templateName: 'amr-fleet' },
  paths: {
    rootCa: 'AmazonRootCA1.pem',
    claimCertificate: 'claim/claim.cert.pem',
    claimPrivateKey: '/etc/amr/claim.private.key',
    stateDir: 'state',
  },
};

function problem(value: unknown): string {
  try {
    parseDeviceConfig(value, { baseDir: '/etc/amr', source: 'device config "x.json"' });
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe('CONFIG');
    return (error as DeviceError).message;
  }
  throw new Error('expected a CONFIG error');
}

describe('parseDeviceConfig', () => {
  it('applies the defaults and resolves relative paths against the config directory', () => {
    const config = parseDeviceConfig(minimal, { baseDir: '/etc/amr' });
    expect(config.endpoint.port).toBe(8883);
    expect(config.provisioning).toMatchObject({
      method: 'csr',
      format: 'json',
      serialParameter: 'SerialNumber',
      parameters: {},
    });
    expect(config.heartbeatIntervalMs).toBe(10_000);
    expect(config.rotation.leadTimeMs).toBe(30 * 86_400_000);
    expect(config.connection).toMatchObject({ keepaliveSeconds: 60, reconnectMaxDelayMs: 300_000 });
    expect(config.logLevel).toBe('info');
    expect(config.paths).toEqual({
      rootCa: '/etc/amr/AmazonRootCA1.pem',
      claimCertificate: '/etc/amr/claim/claim.cert.pem',
      claimPrivateKey: '/etc/amr/claim.private.key',
      stateDir: '/etc/amr/state',
    });
  });

  it('passes the rotation knobs and method to the rotation machine', () => {
    const config = parseDeviceConfig({
      ...minimal,
      provisioning: { templateName: 'amr-fleet', method: 'createKeysAndCertificate' },
      rotation: { leadTimeMs: 60_000, stepTimeoutMs: 5_000 },
    });
    expect(deviceRotationConfig(config)).toMatchObject({
      leadTimeMs: 60_000,
      stepTimeoutMs: 5_000,
      method: 'createKeysAndCertificate',
      backoffBaseMs: 5_000,
    });
  });

  it.each([
    [{ ...minimal, endpoint: { host: 'h', port: 70_000 } }, 'endpoint.port'],
    [{ ...minimal, serialNumber: 'a b' }, 'serialNumber'],
    [
      { ...minimal, provisioning: { templateName: 'amr-fleet', method: 'pkcs11' } },
      'provisioning.method',
    ],
    [{ ...minimal, paths: { ...minimal.paths, stateDir: '' } }, 'paths.stateDir'],
    [{ ...minimal, logLevel: 'loud' }, 'logLevel'],
    [{ ...minimal, thingName: 'a/b' }, 'thingName'],
  ])('names the field of a bad value in one line (%#)', (value, field) => {
    const message = problem(value);
    expect(message).toContain(`Invalid device config "x.json": ${field}:`);
    expect(message).toContain('received');
    expect(message).not.toContain('\n');
  });

  it('reports a missing field and an unknown key', () => {
    const { serialNumber: _omitted, ...withoutSerial } = minimal;
    expect(problem(withoutSerial)).toContain('serialNumber:');
    expect(problem({ ...minimal, heartbeat: 5 })).toContain('"heartbeat"');
  });
});
