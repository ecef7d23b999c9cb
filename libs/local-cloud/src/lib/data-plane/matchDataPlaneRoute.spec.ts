import { matchDataPlaneRoute } from './matchDataPlaneRoute.js';

function match(method: string, url: string) {
  const [path = '', query = ''] = url.split('?');
  return matchDataPlaneRoute(method, path, new URLSearchParams(query));
}

describe('matchDataPlaneRoute', () => {
  it.each([
    [
      'POST',
      '/topics/amr%2FAMR-001%2Fstatus?qos=1',
      { operation: 'Publish', topic: 'amr/AMR-001/status' },
    ],
    ['POST', '/topics/amr/AMR-001/status', { operation: 'Publish', topic: 'amr/AMR-001/status' }],
    [
      'GET',
      '/things/AMR-001/shadow',
      { operation: 'GetThingShadow', thingName: 'AMR-001', shadowName: undefined },
    ],
    [
      'POST',
      '/things/AMR-001/shadow?name=robot',
      { operation: 'UpdateThingShadow', thingName: 'AMR-001', shadowName: 'robot' },
    ],
    [
      'DELETE',
      '/things/AMR%3A1/shadow',
      { operation: 'DeleteThingShadow', thingName: 'AMR:1', shadowName: undefined },
    ],
    [
      'GET',
      '/api/things/shadow/ListNamedShadowsForThing/AMR-001?pageSize=2',
      { operation: 'ListNamedShadowsForThing', thingName: 'AMR-001' },
    ],
    [
      'GET',
      '/retainedMessage/amr%2FAMR-001%2Fstatus',
      { operation: 'GetRetainedMessage', topic: 'amr/AMR-001/status' },
    ],
    ['GET', '/retainedMessage?maxResults=5', { operation: 'ListRetainedMessages' }],
  ])('routes %s %s', (method, url, route) => {
    expect(match(method, url)).toEqual({ ok: true, route });
  });

  it('answers 404 ResourceNotFoundException for an unknown path', () => {
    const result = match('GET', '/nothing/here');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(404);
    expect(result.response.headers?.['x-amzn-ErrorType']).toBe('ResourceNotFoundException');
    expect(JSON.parse(result.response.body)).toEqual({
      message: 'No data-plane operation at GET /nothing/here',
    });
  });

  it('answers 405 MethodNotAllowedException with Allow for a known path', () => {
    const result = match('PUT', '/things/AMR-001/shadow');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(405);
    expect(result.response.headers).toMatchObject({
      'x-amzn-ErrorType': 'MethodNotAllowedException',
      Allow: 'GET, POST, DELETE',
    });
  });

  it('answers 400 InvalidRequestException for broken percent-encoding', () => {
    const result = match('POST', '/topics/a%E0%A4%A');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(400);
    expect(result.response.headers?.['x-amzn-ErrorType']).toBe('InvalidRequestException');
  });
});
