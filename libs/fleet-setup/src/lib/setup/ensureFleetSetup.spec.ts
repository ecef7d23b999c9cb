import { IoTClient } from '@aws-sdk/client-iot';
import { FleetSetupError } from '../errors/FleetSetupError.js';
import { ensureFleetSetup } from './ensureFleetSetup.js';
import type { EnsureFleetSetupOptions } from './schemas.js';

// Every case is refused before any request: the endpoint is never contacted.
const iot = new IoTClient({
  endpoint: 'http://127.0.0.1:9',
  region: 'ap-northeast-1',
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
});
const base: EnsureFleetSetupOptions = {
  iot,
  region: 'ap-northeast-1',
  accountId: '123456789012',
  provisioningRoleArn: 'arn:aws:iam::123456789012:role/fleet-provisioning',
};

afterAll(() => iot.destroy());

describe('ensureFleetSetup options', () => {
  it.each([
    ['an account id that is not 12 digits', { accountId: '1234' }, 'accountId'],
    ['a template name with a slash', { templateName: 'amr/fleet' }, 'templateName'],
    ['a policy name with a space', { claimPolicyName: 'amr claim' }, 'claimPolicyName'],
    ['a short role ARN', { provisioningRoleArn: 'arn:role' }, 'provisioningRoleArn'],
    ['an empty hook ARN', { preProvisioningHookArn: '' }, 'preProvisioningHookArn'],
    ['a thing name prefix with a slash', { thingNamePrefix: 'AMR/' }, 'thingNamePrefix'],
    ['a serial parameter that is no parameter name', { serialParameter: 'a b' }, 'serialParameter'],
    ['an unknown option', { templateNmae: 'x' }, 'templateNmae'],
    ['something that is no IoTClient', { iot: {} }, 'iot'],
    ['an onResource that is no function', { onResource: 'progress' }, 'onResource'],
  ])('refuses %s with INVALID_OPTIONS naming it', async (_case, change, field) => {
    const error = await ensureFleetSetup({ ...base, ...change } as EnsureFleetSetupOptions).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FleetSetupError);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', name: 'FleetSetupError' });
    expect((error as FleetSetupError).message).toContain(field);
    expect((error as FleetSetupError).cause).toBeDefined();
  });
});
