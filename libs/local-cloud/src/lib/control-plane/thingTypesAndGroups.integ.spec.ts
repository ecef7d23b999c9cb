import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddThingToThingGroupCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  CreateThingTypeCommand,
  DeleteThingCommand,
  DeleteThingGroupCommand,
  DeleteThingTypeCommand,
  DeprecateThingTypeCommand,
  DescribeThingCommand,
  DescribeThingGroupCommand,
  DescribeThingTypeCommand,
  InvalidRequestException,
  IoTClient,
  IoTServiceException,
  ListThingGroupsCommand,
  ListThingGroupsForThingCommand,
  ListThingsInThingGroupCommand,
  ListThingTypesCommand,
  RemoveThingFromThingGroupCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateThingCommand,
  UpdateThingGroupCommand,
  VersionConflictException,
} from '@aws-sdk/client-iot';
import { createTestPki, type TestPki } from '@iot-gateway-net/pki/testing';
import type { CloudContext } from '../context/CloudContext.js';
import { createCredentialStore } from '../context/createCredentialStore.js';
import { createJsonLogger } from '../context/createJsonLogger.js';
import { createMetrics } from '../context/createMetrics.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { createRegistry } from '../registry/createRegistry.js';
import type { Registry, RegistryChange } from '../registry/types.js';
import { createControlPlane, type ControlPlane } from './createControlPlane.js';

const REGION = 'ap-northeast-1';
const ACCOUNT = '123456789012';
const ENDPOINT_HOST = 'localhost';
const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'admin-secret-key-never-logged-0000000000',
  identity: { kind: 'admin' },
};
const GROUP_READER: CredentialRecord = {
  accessKeyId: 'AKIALOCALGROUPS00001',
  secretAccessKey: 'group-reader-secret',
  identity: {
    kind: 'iam',
    iamPolicies: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iot:DescribeThingGroup',
            Resource: `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/fleet-*`,
          },
        ],
      },
    ],
  },
};
const typeArn = (name: string): string => `arn:aws:iot:${REGION}:${ACCOUNT}:thingtype/${name}`;
const groupArn = (name: string): string => `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/${name}`;

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki({ now: new Date() });
});

describe('thing types and thing groups with @aws-sdk/client-iot', () => {
  let dir: string;
  let registry: Registry;
  let controlPlane: ControlPlane;
  let server: Server;
  let port: number;
  let iot: IoTClient;
  let changes: RegistryChange[];
  // Real time (the SDK signs with it and SigV4 allows 15 minutes of skew), shifted forward by the
  // tests that need DeleteThingType's 5-minute wait to have passed.
  let offset: number;
  const clock = { now: () => Date.now() + offset };

  const client = (credential: { accessKeyId: string; secretAccessKey: string }): IoTClient =>
    new IoTClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: REGION,
      credentials: {
        accessKeyId: credential.accessKeyId,
        secretAccessKey: credential.secretAccessKey,
      },
      maxAttempts: 1,
    });

  beforeEach(async () => {
    offset = 0;
    dir = await mkdtemp(join(tmpdir(), 'control-plane-groups-'));
    registry = createRegistry({
      path: join(dir, 'registry.sqlite'),
      region: REGION,
      accountId: ACCOUNT,
      clock,
    });
    changes = [];
    registry.onChange((c) => changes.push(c));
    const ctx: CloudContext = {
      region: REGION,
      accountId: ACCOUNT,
      endpointHost: ENDPOINT_HOST,
      registry,
      credentials: createCredentialStore([ADMIN, GROUP_READER]),
      ca: pki.ca,
      rootCaPem: pki.ca.certificatePem,
      clock,
      logger: createJsonLogger({ write: () => undefined }),
      metrics: createMetrics(),
    };
    controlPlane = createControlPlane(ctx);
    server = createServer((req, res) => controlPlane.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    iot = client(ADMIN);
  });

  afterEach(async () => {
    iot.destroy();
    await controlPlane.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function rejected(promise: Promise<unknown>): Promise<IoTServiceException> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(IoTServiceException);
      return error as IoTServiceException;
    }
    throw new Error('expected the call to fail');
  }

  describe('thing types', () => {
    it('creates, describes, lists, deprecates and deletes thing types', async () => {
      const before = Date.now() / 1000;
      const created = await iot.send(
        new CreateThingTypeCommand({
          thingTypeName: 'amr',
          thingTypeProperties: {
            thingTypeDescription: 'Autonomous mobile robot',
            searchableAttributes: ['site'],
          },
        }),
      );
      expect(created).toMatchObject({
        thingTypeName: 'amr',
        thingTypeArn: typeArn('amr'),
        thingTypeId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      });
      const described = await iot.send(new DescribeThingTypeCommand({ thingTypeName: 'amr' }));
      expect(described).toMatchObject({
        thingTypeName: 'amr',
        thingTypeId: created.thingTypeId,
        thingTypeArn: typeArn('amr'),
        thingTypeProperties: {
          thingTypeDescription: 'Autonomous mobile robot',
          searchableAttributes: ['site'],
        },
        thingTypeMetadata: { deprecated: false },
      });
      expect(described.thingTypeMetadata?.creationDate).toBeInstanceOf(Date);
      expect(described.thingTypeMetadata?.creationDate?.getTime()).toBeGreaterThanOrEqual(
        Math.floor(before) * 1000,
      );

      await iot.send(new CreateThingTypeCommand({ thingTypeName: 'agv' }));
      const page1 = await iot.send(new ListThingTypesCommand({ maxResults: 1 }));
      expect(page1.thingTypes?.map((t) => t.thingTypeName)).toEqual(['agv']);
      const page2 = await iot.send(
        new ListThingTypesCommand({ maxResults: 1, nextToken: page1.nextToken }),
      );
      expect(page2.thingTypes?.[0]).toMatchObject({
        thingTypeName: 'amr',
        thingTypeArn: typeArn('amr'),
        thingTypeProperties: { searchableAttributes: ['site'] },
        thingTypeMetadata: { deprecated: false },
      });
      expect(page2.nextToken).toBeUndefined();
      const filtered = await iot.send(new ListThingTypesCommand({ thingTypeName: 'agv' }));
      expect(filtered.thingTypes?.map((t) => t.thingTypeName)).toEqual(['agv']);

      await iot.send(new CreateThingCommand({ thingName: 'robot-001', thingTypeName: 'amr' }));
      expect(
        (await iot.send(new DescribeThingCommand({ thingName: 'robot-001' }))).thingTypeName,
      ).toBe('amr');

      await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'agv' }));
      const deprecated = await iot.send(new DescribeThingTypeCommand({ thingTypeName: 'agv' }));
      expect(deprecated.thingTypeMetadata?.deprecated).toBe(true);
      expect(deprecated.thingTypeMetadata?.deprecationDate).toBeInstanceOf(Date);
      await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'agv', undoDeprecate: true }));
      expect(
        (await iot.send(new DescribeThingTypeCommand({ thingTypeName: 'agv' }))).thingTypeMetadata,
      ).toMatchObject({ deprecated: false });

      await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'agv' }));
      // "Before you can delete a thing type, wait for five minutes after you deprecate it."
      offset = 5 * 60_000 + 1000;
      await iot.send(new DeleteThingTypeCommand({ thingTypeName: 'agv' }));
      expect(
        await rejected(iot.send(new DescribeThingTypeCommand({ thingTypeName: 'agv' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
    });

    it('answers the typed exceptions of the thing type operations and of things with types', async () => {
      await iot.send(
        new CreateThingTypeCommand({
          thingTypeName: 'amr',
          thingTypeProperties: { thingTypeDescription: 'a' },
        }),
      );
      // The same configuration again is fine; a different one is ResourceAlreadyExistsException.
      await expect(
        iot.send(
          new CreateThingTypeCommand({
            thingTypeName: 'amr',
            thingTypeProperties: { thingTypeDescription: 'a' },
          }),
        ),
      ).resolves.toBeDefined();
      const exists = await rejected(
        iot.send(
          new CreateThingTypeCommand({
            thingTypeName: 'amr',
            thingTypeProperties: { thingTypeDescription: 'b' },
          }),
        ),
      );
      expect(exists).toBeInstanceOf(ResourceAlreadyExistsException);
      expect((exists as ResourceAlreadyExistsException).resourceArn).toBe(typeArn('amr'));

      const missingType = await rejected(
        iot.send(new CreateThingCommand({ thingName: 'r1', thingTypeName: 'nope' })),
      );
      expect(missingType).toBeInstanceOf(InvalidRequestException);
      expect(missingType.message).toContain('"nope"');
      await iot.send(new CreateThingCommand({ thingName: 'r1', thingTypeName: 'amr' }));

      // Not deprecated yet, then too soon, then still used by r1: InvalidRequestException each time.
      const notDeprecated = await rejected(
        iot.send(new DeleteThingTypeCommand({ thingTypeName: 'amr' })),
      );
      expect(notDeprecated).toBeInstanceOf(InvalidRequestException);
      await iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'amr' }));
      const tooSoon = await rejected(
        iot.send(new DeleteThingTypeCommand({ thingTypeName: 'amr' })),
      );
      expect(tooSoon).toBeInstanceOf(InvalidRequestException);
      expect(tooSoon.message).toContain('5 minutes');
      const deprecatedUse = await rejected(
        iot.send(new CreateThingCommand({ thingName: 'r2', thingTypeName: 'amr' })),
      );
      expect(deprecatedUse).toBeInstanceOf(InvalidRequestException);
      await iot.send(new CreateThingCommand({ thingName: 'r2' }));
      expect(
        await rejected(iot.send(new UpdateThingCommand({ thingName: 'r2', thingTypeName: 'amr' }))),
      ).toBeInstanceOf(InvalidRequestException);
      offset = 5 * 60_000 + 1000;
      const inUse = await rejected(iot.send(new DeleteThingTypeCommand({ thingTypeName: 'amr' })));
      expect(inUse).toBeInstanceOf(InvalidRequestException);
      expect(inUse.message).toContain('1 things');
      await iot.send(new UpdateThingCommand({ thingName: 'r1', removeThingType: true }));
      await iot.send(new DeleteThingTypeCommand({ thingTypeName: 'amr' }));

      for (const call of [
        () => iot.send(new DescribeThingTypeCommand({ thingTypeName: 'amr' })),
        () => iot.send(new DeprecateThingTypeCommand({ thingTypeName: 'amr' })),
        () => iot.send(new DeleteThingTypeCommand({ thingTypeName: 'amr' })),
      ]) {
        expect(await rejected(call())).toBeInstanceOf(ResourceNotFoundException);
      }
      const badName = await rejected(
        iot.send(new CreateThingTypeCommand({ thingTypeName: 'a b' })),
      );
      expect(badName).toBeInstanceOf(InvalidRequestException);
      expect(badName.message).toContain('[a-zA-Z0-9:_-]{1,128}');
    });
  });

  describe('thing groups', () => {
    it('creates a hierarchy, describes, lists, updates and deletes groups', async () => {
      const fleet = await iot.send(
        new CreateThingGroupCommand({
          thingGroupName: 'fleet',
          thingGroupProperties: {
            thingGroupDescription: 'All robots',
            attributePayload: { attributes: { owner: 'ops' } },
          },
        }),
      );
      expect(fleet).toMatchObject({
        thingGroupName: 'fleet',
        thingGroupArn: groupArn('fleet'),
        thingGroupId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      });
      await iot.send(
        new CreateThingGroupCommand({ thingGroupName: 'tokyo', parentGroupName: 'fleet' }),
      );
      await iot.send(
        new CreateThingGroupCommand({ thingGroupName: 'tokyo-3f', parentGroupName: 'tokyo' }),
      );
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'spare' }));

      const described = await iot.send(
        new DescribeThingGroupCommand({ thingGroupName: 'tokyo-3f' }),
      );
      expect(described).toMatchObject({
        thingGroupName: 'tokyo-3f',
        thingGroupArn: groupArn('tokyo-3f'),
        version: 1,
        thingGroupMetadata: {
          parentGroupName: 'tokyo',
          rootToParentThingGroups: [
            { groupName: 'fleet', groupArn: groupArn('fleet') },
            { groupName: 'tokyo', groupArn: groupArn('tokyo') },
          ],
        },
      });
      expect(described.thingGroupMetadata?.creationDate).toBeInstanceOf(Date);
      expect(
        (await iot.send(new DescribeThingGroupCommand({ thingGroupName: 'fleet' })))
          .thingGroupProperties,
      ).toEqual({
        thingGroupDescription: 'All robots',
        attributePayload: { attributes: { owner: 'ops' } },
      });

      const all = await iot.send(new ListThingGroupsCommand({}));
      expect(all.thingGroups).toEqual([
        { groupName: 'fleet', groupArn: groupArn('fleet') },
        { groupName: 'spare', groupArn: groupArn('spare') },
        { groupName: 'tokyo', groupArn: groupArn('tokyo') },
        { groupName: 'tokyo-3f', groupArn: groupArn('tokyo-3f') },
      ]);
      const children = await iot.send(new ListThingGroupsCommand({ parentGroup: 'fleet' }));
      expect(children.thingGroups?.map((g) => g.groupName)).toEqual(['tokyo']);
      const descendants = await iot.send(
        new ListThingGroupsCommand({ parentGroup: 'fleet', recursive: true }),
      );
      expect(descendants.thingGroups?.map((g) => g.groupName)).toEqual(['tokyo', 'tokyo-3f']);
      const prefixed = await iot.send(new ListThingGroupsCommand({ namePrefixFilter: 'tok' }));
      expect(prefixed.thingGroups?.map((g) => g.groupName)).toEqual(['tokyo', 'tokyo-3f']);
      const page1 = await iot.send(new ListThingGroupsCommand({ maxResults: 3 }));
      expect(page1.thingGroups).toHaveLength(3);
      const page2 = await iot.send(
        new ListThingGroupsCommand({ maxResults: 3, nextToken: page1.nextToken }),
      );
      expect(page2.thingGroups?.map((g) => g.groupName)).toEqual(['tokyo-3f']);

      const updated = await iot.send(
        new UpdateThingGroupCommand({
          thingGroupName: 'fleet',
          thingGroupProperties: { attributePayload: { attributes: { tier: 'gold' }, merge: true } },
          expectedVersion: 1,
        }),
      );
      expect(updated.version).toBe(2);
      expect(
        await iot.send(new DescribeThingGroupCommand({ thingGroupName: 'fleet' })),
      ).toMatchObject({
        version: 2,
        thingGroupProperties: { attributePayload: { attributes: { owner: 'ops', tier: 'gold' } } },
      });

      await iot.send(
        new DeleteThingGroupCommand({ thingGroupName: 'tokyo-3f', expectedVersion: 1 }),
      );
      expect(
        await rejected(iot.send(new DescribeThingGroupCommand({ thingGroupName: 'tokyo-3f' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      // DeleteThingGroup succeeds for a group that does not exist.
      await expect(
        iot.send(new DeleteThingGroupCommand({ thingGroupName: 'tokyo-3f' })),
      ).resolves.toBeDefined();
    });

    it('adds things by name or ARN, lists both ways and removes them', async () => {
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet' }));
      await iot.send(
        new CreateThingGroupCommand({ thingGroupName: 'tokyo', parentGroupName: 'fleet' }),
      );
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'spare' }));
      const r1 = await iot.send(new CreateThingCommand({ thingName: 'r1' }));
      await iot.send(new CreateThingCommand({ thingName: 'r2' }));
      await iot.send(new CreateThingCommand({ thingName: 'r3' }));
      changes.length = 0;

      await iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'tokyo', thingName: 'r1' }));
      await iot.send(
        new AddThingToThingGroupCommand({
          thingGroupArn: groupArn('tokyo'),
          thingArn: r1.thingArn,
        }),
      );
      await iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'tokyo', thingName: 'r2' }));
      await iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'spare', thingName: 'r2' }));
      await iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'fleet', thingName: 'r3' }));
      // The broker rebuilds authorizers on `thing` changes; each new membership emits one.
      expect(changes).toEqual([
        { type: 'thing', thingName: 'r1' },
        { type: 'thing', thingName: 'r2' },
        { type: 'thing', thingName: 'r2' },
        { type: 'thing', thingName: 'r3' },
      ]);

      const forThing = await iot.send(new ListThingGroupsForThingCommand({ thingName: 'r2' }));
      expect(forThing.thingGroups).toEqual([
        { groupName: 'spare', groupArn: groupArn('spare') },
        { groupName: 'tokyo', groupArn: groupArn('tokyo') },
      ]);
      const direct = await iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'fleet' }));
      expect(direct.things).toEqual(['r3']);
      const recursive = await iot.send(
        new ListThingsInThingGroupCommand({
          thingGroupName: 'fleet',
          recursive: true,
          maxResults: 2,
        }),
      );
      expect(recursive.things).toEqual(['r1', 'r2']);
      const rest = await iot.send(
        new ListThingsInThingGroupCommand({
          thingGroupName: 'fleet',
          recursive: true,
          maxResults: 2,
          nextToken: recursive.nextToken,
        }),
      );
      expect(rest.things).toEqual(['r3']);

      await iot.send(
        new RemoveThingFromThingGroupCommand({ thingGroupName: 'tokyo', thingName: 'r2' }),
      );
      await iot.send(
        new RemoveThingFromThingGroupCommand({ thingGroupName: 'tokyo', thingName: 'r2' }),
      );
      expect(
        (await iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'tokyo' }))).things,
      ).toEqual(['r1']);

      // Deleting a group drops its memberships; deleting a thing drops its own.
      await iot.send(new DeleteThingCommand({ thingName: 'r1' }));
      expect(
        (await iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'tokyo' }))).things,
      ).toEqual([]);
      await iot.send(new DeleteThingGroupCommand({ thingGroupName: 'tokyo' }));
      await iot.send(new DeleteThingGroupCommand({ thingGroupName: 'fleet' }));
      expect(
        (await iot.send(new ListThingGroupsForThingCommand({ thingName: 'r2' }))).thingGroups,
      ).toEqual([{ groupName: 'spare', groupArn: groupArn('spare') }]);
    });

    it('answers the typed exceptions of the thing group operations', async () => {
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet' }));
      await iot.send(
        new CreateThingGroupCommand({ thingGroupName: 'tokyo', parentGroupName: 'fleet' }),
      );
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'spare' }));
      await iot.send(new CreateThingCommand({ thingName: 'r1' }));

      const exists = await rejected(
        iot.send(
          new CreateThingGroupCommand({
            thingGroupName: 'fleet',
            thingGroupProperties: { thingGroupDescription: 'different' },
          }),
        ),
      );
      expect(exists).toBeInstanceOf(ResourceAlreadyExistsException);
      expect((exists as ResourceAlreadyExistsException).resourceArn).toBe(groupArn('fleet'));
      expect(
        await rejected(
          iot.send(new CreateThingGroupCommand({ thingGroupName: 'x', parentGroupName: 'nobody' })),
        ),
      ).toBeInstanceOf(InvalidRequestException);
      expect(
        await rejected(iot.send(new DescribeThingGroupCommand({ thingGroupName: 'nobody' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(
          iot.send(
            new UpdateThingGroupCommand({
              thingGroupName: 'fleet',
              thingGroupProperties: { thingGroupDescription: 'd' },
              expectedVersion: 7,
            }),
          ),
        ),
      ).toBeInstanceOf(VersionConflictException);
      expect(
        await rejected(
          iot.send(
            new UpdateThingGroupCommand({ thingGroupName: 'nobody', thingGroupProperties: {} }),
          ),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      const hasChildren = await rejected(
        iot.send(new DeleteThingGroupCommand({ thingGroupName: 'fleet' })),
      );
      expect(hasChildren).toBeInstanceOf(InvalidRequestException);
      expect(hasChildren.message).toContain('child groups');
      expect(
        await rejected(
          iot.send(new DeleteThingGroupCommand({ thingGroupName: 'tokyo', expectedVersion: 3 })),
        ),
      ).toBeInstanceOf(VersionConflictException);

      expect(
        await rejected(
          iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'nobody', thingName: 'r1' })),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(
          iot.send(
            new AddThingToThingGroupCommand({ thingGroupName: 'fleet', thingName: 'ghost' }),
          ),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(iot.send(new AddThingToThingGroupCommand({ thingName: 'r1' }))),
      ).toBeInstanceOf(InvalidRequestException);
      expect(
        await rejected(
          iot.send(
            new AddThingToThingGroupCommand({
              thingGroupArn: 'arn:aws:iot:us-east-1:999999999999:thinggroup/fleet',
              thingName: 'r1',
            }),
          ),
        ),
      ).toBeInstanceOf(InvalidRequestException);
      expect(
        await rejected(
          iot.send(
            new RemoveThingFromThingGroupCommand({ thingGroupName: 'nobody', thingName: 'r1' }),
          ),
        ),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(iot.send(new ListThingGroupsForThingCommand({ thingName: 'ghost' }))),
      ).toBeInstanceOf(ResourceNotFoundException);
      expect(
        await rejected(iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'nobody' }))),
      ).toBeInstanceOf(ResourceNotFoundException);

      // "You can't add a thing to more than one group in the same hierarchy."
      await iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'tokyo', thingName: 'r1' }));
      const sameHierarchy = await rejected(
        iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'fleet', thingName: 'r1' })),
      );
      expect(sameHierarchy).toBeInstanceOf(InvalidRequestException);
      expect(sameHierarchy.message).toContain('same hierarchy');
      // "You can add a thing to a maximum of 10 groups."
      for (let i = 0; i < 9; i++) {
        await iot.send(new CreateThingGroupCommand({ thingGroupName: `g${i}` }));
        await iot.send(
          new AddThingToThingGroupCommand({ thingGroupName: `g${i}`, thingName: 'r1' }),
        );
      }
      const full = await rejected(
        iot.send(new AddThingToThingGroupCommand({ thingGroupName: 'spare', thingName: 'r1' })),
      );
      expect(full).toBeInstanceOf(InvalidRequestException);
      expect(full.message).toContain('at most 10');
    });

    it('authorizes thing group operations on the thing group ARN', async () => {
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'fleet-a' }));
      await iot.send(new CreateThingGroupCommand({ thingGroupName: 'other' }));
      const reader = client(GROUP_READER);
      try {
        await expect(
          reader.send(new DescribeThingGroupCommand({ thingGroupName: 'fleet-a' })),
        ).resolves.toMatchObject({ thingGroupName: 'fleet-a' });
        const denied = await rejected(
          reader.send(new DescribeThingGroupCommand({ thingGroupName: 'other' })),
        );
        // The IoT model has no AccessDeniedException shape: the SDK gives the generic exception.
        expect(denied.name).toBe('AccessDeniedException');
        expect(denied.$metadata.httpStatusCode).toBe(403);
        expect(denied.message).toContain(
          `iot:DescribeThingGroup on resource: ${groupArn('other')}`,
        );
        const create = await rejected(
          reader.send(new CreateThingGroupCommand({ thingGroupName: 'fleet-b' })),
        );
        expect(create.name).toBe('AccessDeniedException');
        expect(registry.getThingGroup('fleet-b')).toBeUndefined();
      } finally {
        reader.destroy();
      }
    });
  });
});
