import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { ControlPlaneOperation } from './defineOperation.js';

/** A matched route: the operation and its decoded path labels. */
export interface RouteMatch {
  operation: ControlPlaneOperation;
  labels: Record<string, string>;
}

type Segment = { literal: string } | { label: string };

/**
 * Builds the router of the control plane: method + path template (`/things/{thingName}`) as
 * `@aws-sdk/client-iot` writes them. Labels match one path segment; the SDK percent-encodes `/`
 * inside a label (a certificate ARN in `/attached-policies/{target}`), so splitting the raw path
 * on `/` before decoding keeps them whole. Returns `undefined` when nothing matches.
 *
 * @throws {LocalCloudError} `INVALID_REQUEST` for a path segment that is not valid percent-encoding.
 */
export function createRouter(
  operations: readonly ControlPlaneOperation[],
): (method: string, rawPath: string) => RouteMatch | undefined {
  const routes = operations.map((operation) => ({
    operation,
    segments: operation.path
      .split('/')
      .slice(1)
      .map(
        (s): Segment =>
          s.startsWith('{') && s.endsWith('}') ? { label: s.slice(1, -1) } : { literal: s },
      ),
  }));
  return (method, rawPath) => {
    const raw = rawPath.split('/').slice(1);
    let decoded: string[];
    try {
      decoded = raw.map((s) => decodeURIComponent(s));
    } catch (error) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `Unexpected path "${rawPath}", expected valid percent-encoding`,
        { cause: error },
      );
    }
    for (const route of routes) {
      if (route.operation.method !== method || route.segments.length !== decoded.length) continue;
      const labels: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        const value = decoded[i] ?? '';
        if ('literal' in segment) return segment.literal === value;
        labels[segment.label] = value;
        return value !== '';
      });
      if (matches) return { operation: route.operation, labels };
    }
    return undefined;
  };
}
