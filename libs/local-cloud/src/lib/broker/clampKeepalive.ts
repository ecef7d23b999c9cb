import { AWS_IOT_LIMITS } from '@iot-gateway-net/topics';

/** The keepalive range the broker honours, in seconds. */
export interface KeepaliveLimits {
  /** Defaults to `30` (AWS). */
  readonly minSeconds: number;
  /** Defaults to `1200` (AWS). */
  readonly maxSeconds: number;
}

const AWS_KEEPALIVE: KeepaliveLimits = {
  minSeconds: AWS_IOT_LIMITS.keepAliveMinSeconds,
  maxSeconds: AWS_IOT_LIMITS.keepAliveMaxSeconds,
};

/**
 * The keepalive AWS IoT applies to a CONNECT's requested keepalive: `0` (no keepalive) and values
 * above the maximum become the maximum, values below the minimum become the minimum (AWS General
 * Reference, "AWS IoT Core endpoints and quotas": keep-alive period 30–1200 s). The broker then
 * drops a silent client after 1.5 times this value, as MQTT 3.1.1 section 3.1.2.10 says. Never throws.
 */
export function clampKeepalive(
  requestedSeconds: number | undefined,
  limits: KeepaliveLimits = AWS_KEEPALIVE,
): number {
  const requested = requestedSeconds ?? 0;
  if (requested <= 0 || requested > limits.maxSeconds) {
    return limits.maxSeconds;
  }
  return Math.max(requested, limits.minSeconds);
}
