/**
 * The worked examples AWS publishes for the Device Shadow service, replayed as tables through
 * handleShadowRequest (the MQTT path the local cloud uses). Each step gives the request and every
 * message AWS publishes in answer, keyed by topic suffix; a step publishes exactly those messages.
 *
 * Sources:
 * - AWS IoT Developer Guide, "Simulating Device Shadow service communications"
 *   (developerguide/using-device-shadows.md in awsdocs/aws-iot-docs).
 * - AWS IoT Developer Guide, "Interacting with shadows" → "Optimistic locking", "Deleting shadow
 *   data" (developerguide/device-shadow-data-flow.md).
 * - AWS IoT Developer Guide, "Device Shadow service documents" → "Delta state", "Empty shadow
 *   document properties", "Array values in shadow documents".
 * - AWS IoT Device SDK for C++ v2, samples/shadow/shadow-sandbox/README.md: a transcript against
 *   real AWS IoT. Its ShadowUpdated events print without `clientToken` because the SDK's event
 *   model has no such field; the /documents payload carries it ("Device Shadow service documents"
 *   → "/documents response state document"), so the tables below include it.
 */
import type { ShadowOperation } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { handleShadowRequest, type ShadowRequestOperation } from './handleShadowRequest.js';

interface Step {
  /** What the step shows, for the test name. */
  does: string;
  op: ShadowRequestOperation;
  /** Epoch seconds of the request. */
  at: number;
  /** The request document; omitted for an empty payload. */
  request?: unknown;
  /** Every message published, by topic suffix. */
  expect: Partial<Record<ShadowOperation, unknown>>;
}

interface Example {
  name: string;
  thingName: string;
  shadowName?: string;
  initial?: StoredShadow;
  steps: Step[];
}

const ts = (timestamp: number) => ({ timestamp });
const ts3 = (timestamp: number) => [ts(timestamp), ts(timestamp), ts(timestamp)];

const examples: Example[] = [
  {
    name: 'Simulating Device Shadow service communications (named shadow simShadow1)',
    thingName: 'mySimulatedThing',
    shadowName: 'simShadow1',
    steps: [
      {
        does: 'a get before the shadow exists is rejected with 404',
        op: 'get',
        at: 1591140000,
        expect: {
          'get/rejected': { code: 404, message: "No shadow exists with name: 'simShadow1'" },
        },
      },
    ],
  },
  {
    name: 'Simulating Device Shadow service communications (app and device exchange)',
    thingName: 'mySimulatedThing',
    shadowName: 'simShadow1',
    initial: {
      state: { reported: { ID: 'SmartLamp21', ColorRGB: [128, 128, 128] } },
      metadata: { reported: { ID: ts(1591140517), ColorRGB: ts3(1591140517) } },
      version: 3,
    },
    steps: [
      {
        does: 'the app reads the shadow the device initialised',
        op: 'get',
        at: 1591141111,
        expect: {
          'get/accepted': {
            state: { reported: { ID: 'SmartLamp21', ColorRGB: [128, 128, 128] } },
            metadata: { reported: { ID: ts(1591140517), ColorRGB: ts3(1591140517) } },
            version: 3,
            timestamp: 1591141111,
          },
        },
      },
      {
        does: 'the app updates desired: accepted, delta to the device, documents',
        op: 'update',
        at: 1591141596,
        request: {
          state: { desired: { ColorRGB: [255, 255, 0] } },
          clientToken: '21b21b21-bfd2-4279-8c65-e2f697ff4fab',
        },
        expect: {
          'update/accepted': {
            state: { desired: { ColorRGB: [255, 255, 0] } },
            metadata: { desired: { ColorRGB: ts3(1591141596) } },
            version: 4,
            timestamp: 1591141596,
            clientToken: '21b21b21-bfd2-4279-8c65-e2f697ff4fab',
          },
          'update/delta': {
            version: 4,
            timestamp: 1591141596,
            state: { ColorRGB: [255, 255, 0] },
            metadata: { ColorRGB: ts3(1591141596) },
            clientToken: '21b21b21-bfd2-4279-8c65-e2f697ff4fab',
          },
          'update/documents': {
            previous: {
              state: { reported: { ID: 'SmartLamp21', ColorRGB: [128, 128, 128] } },
              metadata: { reported: { ID: ts(1591140517), ColorRGB: ts3(1591140517) } },
              version: 3,
            },
            current: {
              state: {
                desired: { ColorRGB: [255, 255, 0] },
                reported: { ID: 'SmartLamp21', ColorRGB: [128, 128, 128] },
              },
              metadata: {
                desired: { ColorRGB: ts3(1591141596) },
                reported: { ID: ts(1591140517), ColorRGB: ts3(1591140517) },
              },
              version: 4,
            },
            timestamp: 1591141596,
            clientToken: '21b21b21-bfd2-4279-8c65-e2f697ff4fab',
          },
        },
      },
      {
        does: 'the device reports the new colour: accepted and documents, no delta',
        op: 'update',
        at: 1591142747,
        request: {
          state: { reported: { ColorRGB: [255, 255, 0] } },
          clientToken: 'a4dc2227-9213-4c6a-a6a5-053304f60258',
        },
        expect: {
          'update/accepted': {
            state: { reported: { ColorRGB: [255, 255, 0] } },
            metadata: { reported: { ColorRGB: ts3(1591142747) } },
            version: 5,
            timestamp: 1591142747,
            clientToken: 'a4dc2227-9213-4c6a-a6a5-053304f60258',
          },
          'update/documents': {
            previous: {
              state: {
                desired: { ColorRGB: [255, 255, 0] },
                reported: { ID: 'SmartLamp21', ColorRGB: [128, 128, 128] },
              },
              metadata: {
                desired: { ColorRGB: ts3(1591141596) },
                reported: { ID: ts(1591140517), ColorRGB: ts3(1591140517) },
              },
              version: 4,
            },
            current: {
              state: {
                desired: { ColorRGB: [255, 255, 0] },
                reported: { ID: 'SmartLamp21', ColorRGB: [255, 255, 0] },
              },
              metadata: {
                desired: { ColorRGB: ts3(1591141596) },
                reported: { ID: ts(1591140517), ColorRGB: ts3(1591142747) },
              },
              version: 5,
            },
            timestamp: 1591142747,
            clientToken: 'a4dc2227-9213-4c6a-a6a5-053304f60258',
          },
        },
      },
      {
        does: 'the app reads the final shadow',
        op: 'get',
        at: 1591143269,
        expect: {
          'get/accepted': {
            state: {
              desired: { ColorRGB: [255, 255, 0] },
              reported: { ID: 'SmartLamp21', ColorRGB: [255, 255, 0] },
            },
            metadata: {
              desired: { ColorRGB: ts3(1591141596) },
              reported: { ID: ts(1591140517), ColorRGB: ts3(1591142747) },
            },
            version: 5,
            timestamp: 1591143269,
          },
        },
      },
    ],
  },
  {
    name: 'Interacting with shadows → Optimistic locking',
    thingName: 'myThing',
    initial: {
      state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } },
      metadata: { desired: { colors: ts3(1000) } },
      version: 10,
    },
    steps: [
      {
        does: 'an update with version 9 is rejected',
        op: 'update',
        at: 2000,
        request: {
          state: { desired: { colors: ['BLUE'] } },
          version: 9,
          clientToken: '426bfd96-e720-46d3-95cd-014e3ef12bb6',
        },
        expect: {
          'update/rejected': {
            code: 409,
            message: 'Version conflict',
            clientToken: '426bfd96-e720-46d3-95cd-014e3ef12bb6',
          },
        },
      },
      {
        does: 'an update with version 10 is accepted as version 11',
        op: 'update',
        at: 2001,
        request: { state: { desired: { colors: ['BLUE'] } }, version: 10 },
        expect: {
          'update/accepted': {
            state: { desired: { colors: ['BLUE'] } },
            metadata: { desired: { colors: [ts(2001)] } },
            version: 11,
            timestamp: 2001,
          },
          'update/delta': {
            state: { colors: ['BLUE'] },
            metadata: { colors: [ts(2001)] },
            version: 11,
            timestamp: 2001,
          },
          'update/documents': {
            previous: {
              state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } },
              metadata: { desired: { colors: ts3(1000) } },
              version: 10,
            },
            current: {
              state: { desired: { colors: ['BLUE'] } },
              metadata: { desired: { colors: [ts(2001)] } },
              version: 11,
            },
            timestamp: 2001,
          },
        },
      },
      {
        does: 'the final state holds the new array and version 11',
        op: 'get',
        at: 2002,
        expect: {
          'get/accepted': {
            state: { desired: { colors: ['BLUE'] }, delta: { colors: ['BLUE'] } },
            metadata: { desired: { colors: [ts(2001)] } },
            version: 11,
            timestamp: 2002,
          },
        },
      },
    ],
  },
  {
    name: 'Device Shadow service documents → Delta state',
    thingName: 'myThing',
    initial: {
      state: {
        desired: { color: 'RED', state: 'STOP' },
        reported: { color: 'GREEN', engine: 'ON' },
      },
      metadata: {
        desired: { color: ts(12345), state: ts(12345) },
        reported: { color: ts(12345), engine: ts(12345) },
      },
      version: 17,
    },
    steps: [
      {
        does: 'get shows the desired fields that reported lacks or differs on',
        op: 'get',
        at: 123456789,
        expect: {
          'get/accepted': {
            state: {
              desired: { color: 'RED', state: 'STOP' },
              reported: { color: 'GREEN', engine: 'ON' },
              delta: { color: 'RED', state: 'STOP' },
            },
            metadata: {
              desired: { color: ts(12345), state: ts(12345) },
              reported: { color: ts(12345), engine: ts(12345) },
            },
            version: 17,
            timestamp: 123456789,
          },
        },
      },
    ],
  },
  {
    name: 'Device Shadow service documents → Delta state (nested objects)',
    thingName: 'myThing',
    initial: {
      state: {
        desired: { lights: { color: { r: 255, g: 255, b: 255 } } },
        reported: { lights: { color: { r: 255, g: 0, b: 255 } } },
      },
      metadata: {
        desired: { lights: { color: { r: ts(1), g: ts(1), b: ts(1) } } },
        reported: { lights: { color: { r: ts(1), g: ts(1), b: ts(1) } } },
      },
      version: 18,
    },
    steps: [
      {
        does: 'the delta keeps the path to the root',
        op: 'get',
        at: 123456789,
        expect: {
          'get/accepted': {
            state: {
              desired: { lights: { color: { r: 255, g: 255, b: 255 } } },
              reported: { lights: { color: { r: 255, g: 0, b: 255 } } },
              delta: { lights: { color: { g: 255 } } },
            },
            metadata: {
              desired: { lights: { color: { r: ts(1), g: ts(1), b: ts(1) } } },
              reported: { lights: { color: { r: ts(1), g: ts(1), b: ts(1) } } },
            },
            version: 18,
            timestamp: 123456789,
          },
        },
      },
    ],
  },
  {
    name: 'Device Shadow service documents → Array values in shadow documents',
    thingName: 'myThing',
    initial: {
      state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } },
      metadata: { desired: { colors: ts3(10) } },
      version: 1,
    },
    steps: [
      {
        does: 'an array with null is rejected',
        op: 'update',
        at: 20,
        request: { state: { desired: { colors: [null, 'RED', 'GREEN'] } } },
        expect: { 'update/rejected': { code: 400, message: 'Invalid JSON' } },
      },
      {
        does: 'an array update replaces the whole array',
        op: 'update',
        at: 21,
        request: { state: { desired: { colors: ['RED'] } } },
        expect: {
          'update/accepted': {
            state: { desired: { colors: ['RED'] } },
            metadata: { desired: { colors: [ts(21)] } },
            version: 2,
            timestamp: 21,
          },
          'update/delta': {
            state: { colors: ['RED'] },
            metadata: { colors: [ts(21)] },
            version: 2,
            timestamp: 21,
          },
          'update/documents': {
            previous: {
              state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } },
              metadata: { desired: { colors: ts3(10) } },
              version: 1,
            },
            current: {
              state: { desired: { colors: ['RED'] } },
              metadata: { desired: { colors: [ts(21)] } },
              version: 2,
            },
            timestamp: 21,
          },
        },
      },
    ],
  },
  {
    name: 'Device Shadow service documents → Empty shadow document properties',
    thingName: 'myThing',
    initial: {
      state: { desired: { color: 'red' }, reported: { color: 'green' } },
      metadata: { desired: { color: ts(5) }, reported: { color: ts(5) } },
      version: 6,
    },
    steps: [
      {
        does: 'desired: null removes the desired section as the device reports',
        op: 'update',
        at: 30,
        request: { state: { reported: { color: 'red' }, desired: null } },
        expect: {
          'update/accepted': {
            state: { reported: { color: 'red' }, desired: null },
            metadata: { reported: { color: ts(30) }, desired: ts(30) },
            version: 7,
            timestamp: 30,
          },
          'update/documents': {
            previous: {
              state: { desired: { color: 'red' }, reported: { color: 'green' } },
              metadata: { desired: { color: ts(5) }, reported: { color: ts(5) } },
              version: 6,
            },
            current: {
              state: { reported: { color: 'red' } },
              metadata: { reported: { color: ts(30) } },
              version: 7,
            },
            timestamp: 30,
          },
        },
      },
    ],
  },
  {
    name: 'Interacting with shadows → Deleting shadow data',
    thingName: 'myThing',
    shadowName: 'shadowName',
    initial: {
      state: { desired: { engine: 'ON', color: { r: 10 } } },
      metadata: { desired: { engine: ts(1), color: { r: ts(1) } } },
      version: 3,
    },
    steps: [
      {
        does: 'a property set to null is removed',
        op: 'update',
        at: 40,
        request: { state: { desired: { engine: null } } },
        expect: {
          'update/accepted': {
            state: { desired: { engine: null } },
            metadata: { desired: { engine: ts(40) } },
            version: 4,
            timestamp: 40,
          },
          'update/delta': {
            state: { color: { r: 10 } },
            metadata: { color: { r: ts(1) } },
            version: 4,
            timestamp: 40,
          },
          'update/documents': {
            previous: {
              state: { desired: { engine: 'ON', color: { r: 10 } } },
              metadata: { desired: { engine: ts(1), color: { r: ts(1) } } },
              version: 3,
            },
            current: {
              state: { desired: { color: { r: 10 } } },
              metadata: { desired: { color: { r: ts(1) } } },
              version: 4,
            },
            timestamp: 40,
          },
        },
      },
      {
        does: 'deleting the shadow answers { version, timestamp } without resetting the version',
        op: 'delete',
        at: 1591057529,
        expect: { 'delete/accepted': { version: 4, timestamp: 1591057529 } },
      },
    ],
  },
  {
    name: 'AWS IoT Device SDK for C++ v2 shadow-sandbox transcript (classic shadow, real AWS)',
    thingName: 'SandboxThing',
    steps: [
      {
        does: 'get before any state: 404 naming the thing',
        op: 'get',
        at: 1730481900,
        request: { clientToken: 'c0' },
        expect: {
          'get/rejected': {
            clientToken: 'c0',
            code: 404,
            message: "No shadow exists with name: 'SandboxThing'",
          },
        },
      },
      {
        does: 'update-reported {"Color":"green"} creates version 1; documents has no previous',
        op: 'update',
        at: 1730481958,
        request: {
          state: { reported: { Color: 'green' } },
          clientToken: '58de9848-e4db-e2ac-9622-d4c1197a5a14',
        },
        expect: {
          'update/accepted': {
            clientToken: '58de9848-e4db-e2ac-9622-d4c1197a5a14',
            state: { reported: { Color: 'green' } },
            metadata: { reported: { Color: ts(1730481958) } },
            timestamp: 1730481958,
            version: 1,
          },
          'update/documents': {
            current: {
              state: { reported: { Color: 'green' } },
              metadata: { reported: { Color: ts(1730481958) } },
              version: 1,
            },
            timestamp: 1730481958,
            clientToken: '58de9848-e4db-e2ac-9622-d4c1197a5a14',
          },
        },
      },
      {
        does: 'update-desired {"Color":"green"}: in sync, no delta',
        op: 'update',
        at: 1730482304,
        request: {
          state: { desired: { Color: 'green' } },
          clientToken: '7f53091e-16a7-74d9-201b-b2d45a4d1ae7',
        },
        expect: {
          'update/accepted': {
            clientToken: '7f53091e-16a7-74d9-201b-b2d45a4d1ae7',
            state: { desired: { Color: 'green' } },
            metadata: { desired: { Color: ts(1730482304) } },
            timestamp: 1730482304,
            version: 2,
          },
          'update/documents': {
            previous: {
              state: { reported: { Color: 'green' } },
              metadata: { reported: { Color: ts(1730481958) } },
              version: 1,
            },
            current: {
              state: { desired: { Color: 'green' }, reported: { Color: 'green' } },
              metadata: {
                desired: { Color: ts(1730482304) },
                reported: { Color: ts(1730481958) },
              },
              version: 2,
            },
            timestamp: 1730482304,
            clientToken: '7f53091e-16a7-74d9-201b-b2d45a4d1ae7',
          },
        },
      },
      {
        does: 'update-desired {"Color":"red"}: delta to the device',
        op: 'update',
        at: 1730482794,
        request: {
          state: { desired: { Color: 'red' } },
          clientToken: '35624091-7be2-3ab3-c193-bac8f4c4e9c8',
        },
        expect: {
          'update/accepted': {
            clientToken: '35624091-7be2-3ab3-c193-bac8f4c4e9c8',
            state: { desired: { Color: 'red' } },
            metadata: { desired: { Color: ts(1730482794) } },
            timestamp: 1730482794,
            version: 3,
          },
          'update/documents': {
            previous: {
              state: { desired: { Color: 'green' }, reported: { Color: 'green' } },
              metadata: {
                desired: { Color: ts(1730482304) },
                reported: { Color: ts(1730481958) },
              },
              version: 2,
            },
            current: {
              state: { desired: { Color: 'red' }, reported: { Color: 'green' } },
              metadata: {
                desired: { Color: ts(1730482794) },
                reported: { Color: ts(1730481958) },
              },
              version: 3,
            },
            timestamp: 1730482794,
            clientToken: '35624091-7be2-3ab3-c193-bac8f4c4e9c8',
          },
          'update/delta': {
            state: { Color: 'red' },
            metadata: { Color: ts(1730482794) },
            timestamp: 1730482794,
            version: 3,
            clientToken: '35624091-7be2-3ab3-c193-bac8f4c4e9c8',
          },
        },
      },
      {
        does: 'update-reported {"Color":"red"}: back in sync, no delta',
        op: 'update',
        at: 1730482948,
        request: {
          state: { reported: { Color: 'red' } },
          clientToken: '5741d710-fe6b-7f4f-ece1-7767498a38c8',
        },
        expect: {
          'update/accepted': {
            clientToken: '5741d710-fe6b-7f4f-ece1-7767498a38c8',
            state: { reported: { Color: 'red' } },
            metadata: { reported: { Color: ts(1730482948) } },
            timestamp: 1730482948,
            version: 4,
          },
          'update/documents': {
            previous: {
              state: { desired: { Color: 'red' }, reported: { Color: 'green' } },
              metadata: {
                desired: { Color: ts(1730482794) },
                reported: { Color: ts(1730481958) },
              },
              version: 3,
            },
            current: {
              state: { desired: { Color: 'red' }, reported: { Color: 'red' } },
              metadata: {
                desired: { Color: ts(1730482794) },
                reported: { Color: ts(1730482948) },
              },
              version: 4,
            },
            timestamp: 1730482948,
            clientToken: '5741d710-fe6b-7f4f-ece1-7767498a38c8',
          },
        },
      },
    ],
  },
];

/** Later part of the same transcript, from the shadow its "Multiple Properties" section builds. */
const sandboxAfterStatus: Example = {
  name: 'AWS IoT Device SDK for C++ v2 shadow-sandbox transcript, continued',
  thingName: 'SandboxThing',
  initial: {
    state: {
      desired: { Color: 'red', Status: 'Great' },
      reported: { Color: 'red', Status: 'Great' },
    },
    metadata: {
      desired: { Color: ts(1730482794), Status: ts(1730483069) },
      reported: { Color: ts(1730482948), Status: ts(1730483062) },
    },
    version: 6,
  },
  steps: [
    {
      does: 'get returns both properties in sync',
      op: 'get',
      at: 1730483086,
      request: { clientToken: '2b689730-8144-c20f-07dd-60bdf4e3f2b7' },
      expect: {
        'get/accepted': {
          clientToken: '2b689730-8144-c20f-07dd-60bdf4e3f2b7',
          state: {
            desired: { Color: 'red', Status: 'Great' },
            reported: { Color: 'red', Status: 'Great' },
          },
          metadata: {
            desired: { Color: ts(1730482794), Status: ts(1730483069) },
            reported: { Color: ts(1730482948), Status: ts(1730483062) },
          },
          timestamp: 1730483086,
          version: 6,
        },
      },
    },
    {
      does: 'a reported update that leaves desired unmet publishes a delta of that key only',
      op: 'update',
      at: 1730483858,
      request: {
        state: { reported: { Status: 'Awful' } },
        clientToken: 'af54adca-85c9-c4c9-52b0-7349337f57d5',
      },
      expect: {
        'update/accepted': {
          clientToken: 'af54adca-85c9-c4c9-52b0-7349337f57d5',
          state: { reported: { Status: 'Awful' } },
          metadata: { reported: { Status: ts(1730483858) } },
          timestamp: 1730483858,
          version: 7,
        },
        'update/documents': {
          previous: {
            state: {
              desired: { Color: 'red', Status: 'Great' },
              reported: { Color: 'red', Status: 'Great' },
            },
            metadata: {
              desired: { Color: ts(1730482794), Status: ts(1730483069) },
              reported: { Color: ts(1730482948), Status: ts(1730483062) },
            },
            version: 6,
          },
          current: {
            state: {
              desired: { Color: 'red', Status: 'Great' },
              reported: { Color: 'red', Status: 'Awful' },
            },
            metadata: {
              desired: { Color: ts(1730482794), Status: ts(1730483069) },
              reported: { Color: ts(1730482948), Status: ts(1730483858) },
            },
            version: 7,
          },
          timestamp: 1730483858,
          clientToken: 'af54adca-85c9-c4c9-52b0-7349337f57d5',
        },
        'update/delta': {
          state: { Status: 'Great' },
          metadata: { Status: ts(1730483069) },
          timestamp: 1730483858,
          version: 7,
          clientToken: 'af54adca-85c9-c4c9-52b0-7349337f57d5',
        },
      },
    },
    {
      does: 'update-reported {"Status":null} removes the reported property',
      op: 'update',
      at: 1730483900,
      request: { state: { reported: { Status: null } }, clientToken: 'r-null' },
      expect: {
        'update/accepted': {
          clientToken: 'r-null',
          state: { reported: { Status: null } },
          metadata: { reported: { Status: ts(1730483900) } },
          timestamp: 1730483900,
          version: 8,
        },
        'update/delta': {
          state: { Status: 'Great' },
          metadata: { Status: ts(1730483069) },
          timestamp: 1730483900,
          version: 8,
          clientToken: 'r-null',
        },
        'update/documents': expectAny(),
      },
    },
    {
      does: 'update-desired {"Status":null} removes the desired property',
      op: 'update',
      at: 1730483910,
      request: { state: { desired: { Status: null } }, clientToken: 'd-null' },
      expect: {
        'update/accepted': {
          clientToken: 'd-null',
          state: { desired: { Status: null } },
          metadata: { desired: { Status: ts(1730483910) } },
          timestamp: 1730483910,
          version: 9,
        },
        'update/documents': expectAny(),
      },
    },
    {
      does: 'get shows Status fully removed at version 9',
      op: 'get',
      at: 1730483940,
      request: { clientToken: '2dccc7b8-47ad-80c5-299f-3de5d9b553fa' },
      expect: {
        'get/accepted': {
          clientToken: '2dccc7b8-47ad-80c5-299f-3de5d9b553fa',
          state: { desired: { Color: 'red' }, reported: { Color: 'red' } },
          metadata: {
            desired: { Color: ts(1730482794) },
            reported: { Color: ts(1730482948) },
          },
          timestamp: 1730483940,
          version: 9,
        },
      },
    },
    {
      does: 'delete answers the version of the deleted document',
      op: 'delete',
      at: 1730483990,
      request: { clientToken: '495844bb-65c9-58a6-bd16-099fa3021512' },
      expect: {
        'delete/accepted': {
          clientToken: '495844bb-65c9-58a6-bd16-099fa3021512',
          timestamp: 1730483990,
          version: 9,
        },
      },
    },
    {
      does: 'get after delete is rejected with 404',
      op: 'get',
      at: 1730484000,
      request: { clientToken: '0228fa77-2bbf-bf91-9915-128668692dbb' },
      expect: {
        'get/rejected': {
          clientToken: '0228fa77-2bbf-bf91-9915-128668692dbb',
          code: 404,
          message: "No shadow exists with name: 'SandboxThing'",
        },
      },
    },
  ],
};

function expectAny(): unknown {
  return expect.anything() as unknown;
}

describe.each([...examples, sandboxAfterStatus])('$name', (example) => {
  let stored = example.initial;
  const prefix =
    example.shadowName === undefined
      ? `$aws/things/${example.thingName}/shadow/`
      : `$aws/things/${example.thingName}/shadow/name/${example.shadowName}/`;

  it.each(example.steps)('$op: $does', (step) => {
    const result = handleShadowRequest(
      step.op,
      example.thingName,
      example.shadowName,
      step.request === undefined ? '' : JSON.stringify(step.request),
      stored,
      { now: step.at * 1000 + 500 },
    );
    stored = result.next;
    const published = Object.fromEntries(
      result.messages.map(({ topic, payload }) => {
        expect(topic.startsWith(prefix)).toBe(true);
        return [topic.slice(prefix.length), JSON.parse(payload) as unknown];
      }),
    );
    expect(published).toEqual(step.expect);
  });
});
