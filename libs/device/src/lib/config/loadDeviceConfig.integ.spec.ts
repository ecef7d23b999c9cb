import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeviceConfig } from './loadDeviceConfig.js';

const minimal = {
  endpoint: { host: 'example-ats.iot.ap-northeast-1.amazonaws.com' },
  serialNumber: '001',
  provisioning: { templateName: 'amr-fleet' },
  paths: {
    rootCa: 'AmazonRootCA1.pem',
    claimCertificate: 'claim.cert.pem',
    claimPrivateKey: 'claim.private.key',
    stateDir: 'state',
  },
};

describe('loadDeviceConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the file, resolves paths against its directory, refuses non-JSON', async () => {
    const file = join(dir, 'device.json');
    await writeFile(file, JSON.stringify(minimal));
    expect((await loadDeviceConfig(file)).paths.stateDir).toBe(join(dir, 'state'));
    await writeFile(file, '{ nope');
    await expect(loadDeviceConfig(file)).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('not JSON') as unknown,
    });
    await expect(loadDeviceConfig(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('ENOENT') as unknown,
    });
  });
});
