import { AWS_IOT_LIMITS } from './limits.js';

describe('AWS_IOT_LIMITS', () => {
  it('holds the AWS IoT Core quotas this project designs against', () => {
    expect(AWS_IOT_LIMITS).toMatchObject({
      topicBytes: 256,
      topicSlashes: 7,
      payloadBytes: 131_072,
      clientIdBytes: 128,
      filtersPerSubscribe: 8,
      subscriptionsPerConnection: 50,
      publishesPerSecondPerConnection: 100,
      kibPerSecondPerConnection: 512,
      keepAliveMinSeconds: 30,
      keepAliveMaxSeconds: 1200,
      shadowDocumentBytes: 8192,
      shadowDepth: 6,
      clientTokenBytes: 64,
      shadowNameBytes: 64,
      thingNameBytes: 128,
      templateNameLength: 36,
    });
  });

  it('is frozen and keeps literal types', () => {
    const bytes: 256 = AWS_IOT_LIMITS.topicBytes;
    expect(bytes).toBe(256);
    expect(Object.isFrozen(AWS_IOT_LIMITS)).toBe(true);
  });
});
