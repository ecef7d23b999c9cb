import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import type { PolicyDocument } from '@iot-gateway-net/policy';
import type { TestDevice } from './types.js';

/** Options of {@link createTestDevice}. */
export interface TestDeviceOptions {
  /** Thing to attach the certificate to. Defaults to none. */
  readonly thingName?: string;
  /** Create `thingName` first; `false` when the spec created it already. Defaults to `true`. */
  readonly createThing?: boolean;
  /** Policies to create, then attach to the certificate. Defaults to none. */
  readonly policies?: Readonly<Record<string, PolicyDocument>>;
  /** Existing policies to attach to the certificate. Defaults to none. */
  readonly attachPolicies?: readonly string[];
}

/**
 * Makes a device through the control plane, as an operator would with the AWS SDK: creates the
 * policies in `options.policies`, the thing, an ACTIVE certificate with a new key
 * (CreateKeysAndCertificate), then attaches the policies and the thing to it.
 *
 * @throws what the SDK throws when a call is refused (e.g. a policy name that already exists).
 */
export async function createTestDevice(
  iot: IoTClient,
  options: TestDeviceOptions = {},
): Promise<TestDevice> {
  const { thingName } = options;
  for (const [policyName, document] of Object.entries(options.policies ?? {})) {
    await iot.send(
      new CreatePolicyCommand({ policyName, policyDocument: JSON.stringify(document) }),
    );
  }
  if (thingName !== undefined && options.createThing !== false) {
    await iot.send(new CreateThingCommand({ thingName }));
  }
  const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  const certificateArn = created.certificateArn ?? '';
  const policyNames = [...Object.keys(options.policies ?? {}), ...(options.attachPolicies ?? [])];
  for (const policyName of policyNames) {
    await iot.send(new AttachPolicyCommand({ policyName, target: certificateArn }));
  }
  if (thingName !== undefined) {
    await iot.send(new AttachThingPrincipalCommand({ thingName, principal: certificateArn }));
  }
  return {
    certificateId: created.certificateId ?? '',
    certificateArn,
    certificatePem: created.certificatePem ?? '',
    privateKeyPem: created.keyPair?.PrivateKey ?? '',
    ...(thingName === undefined ? {} : { thingName }),
  };
}
