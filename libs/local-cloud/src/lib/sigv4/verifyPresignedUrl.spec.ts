import { createHash, createHmac } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { createCredentialStore } from '../context/createCredentialStore.js';
import type { CredentialRecord } from '../context/CredentialStore.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { sigV4ErrorType } from './sigV4ErrorType.js';
import { verifyPresignedUrl } from './verifyPresignedUrl.js';

// aws-wire.md section 5 (the AWS IoT Developer Guide's example credentials).
const VECTOR = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  host: 'example.iot.us-east-1.amazonaws.com',
  date: Date.UTC(2013, 4, 24),
  signature: '3ec863617e7e6afa53fc5669c7db4983300818ddc18e72db53c6408d00f60d94',
};
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const KEY: CredentialRecord = {
  accessKeyId: 'ASIALOCALTEST0000001',
  secretAccessKey: 'local/secret/key/for/tests/0000000000000',
  sessionToken: 'session-token/with+special=chars',
  expiresAt: NOW + 3_600_000,
  identity: { kind: 'iam', iamPolicies: [] },
};
const ADMIN: CredentialRecord = {
  accessKeyId: 'AKIALOCALADMIN000001',
  secretAccessKey: 'admin/secret',
  identity: { kind: 'admin' },
};

async function presign(options: {
  host: string;
  hostname?: string;
  withToken?: 'appended' | 'signed' | 'none';
  expiresIn?: number;
  signingDate?: number;
  region?: string;
  service?: string;
  credential?: CredentialRecord;
}): Promise<string> {
  const credential = options.credential ?? KEY;
  const mode = options.withToken ?? 'appended';
  const signer = new SignatureV4({
    service: options.service ?? 'iotdevicegateway',
    region: options.region ?? 'ap-northeast-1',
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(mode === 'signed' && credential.sessionToken
        ? { sessionToken: credential.sessionToken }
        : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'wss:',
      hostname: options.hostname ?? options.host,
      path: '/mqtt',
      query: {},
      headers: { host: options.host },
    },
    { signingDate: new Date(options.signingDate ?? NOW), expiresIn: options.expiresIn ?? 300 },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const token =
    mode === 'appended' && credential.sessionToken
      ? `&X-Amz-Security-Token=${encodeURIComponent(credential.sessionToken)}`
      : '';
  return `/mqtt?${query}${token}`;
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LocalCloudError);
    const e = error as LocalCloudError;
    return { code: e.code, type: sigV4ErrorType(e), message: e.message };
  }
  throw new Error('expected a rejection');
}

const store = createCredentialStore([KEY, ADMIN]);
const options = {
  host: 'localhost:8443',
  credentials: store,
  service: 'iotdevicegateway',
  now: NOW,
};

describe('verifyPresignedUrl', () => {
  it('reproduces the aws-wire.md test vector', async () => {
    const url =
      '/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      `&X-Amz-Credential=${VECTOR.accessKeyId}%2F20130524%2Fus-east-1%2Fiotdevicegateway%2Faws4_request` +
      '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
      `&X-Amz-Signature=${VECTOR.signature}`;
    const vectorStore = createCredentialStore([
      {
        accessKeyId: VECTOR.accessKeyId,
        secretAccessKey: VECTOR.secretAccessKey,
        identity: { kind: 'admin' },
      },
    ]);
    const record = await verifyPresignedUrl(url, {
      host: VECTOR.host,
      credentials: vectorStore,
      service: 'iotdevicegateway',
      region: 'us-east-1',
      now: VECTOR.date + 60_000,
    });
    expect(record.accessKeyId).toBe(VECTOR.accessKeyId);
    // One character off in the signature and it no longer verifies.
    const tampered = url.replace(/.$/, (c) => (c === '4' ? '5' : '4'));
    expect(
      await rejection(
        verifyPresignedUrl(tampered, {
          host: VECTOR.host,
          credentials: vectorStore,
          service: 'iotdevicegateway',
          now: VECTOR.date,
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', type: 'InvalidSignatureException' });
  });

  it('accepts a @smithy/signature-v4 presign() URL with the token appended after signing (AWS IoT style)', async () => {
    const url = await presign({ host: 'localhost:8443' });
    expect(url).toContain('X-Amz-Security-Token=');
    await expect(verifyPresignedUrl(url, options)).resolves.toEqual(KEY);
  });

  it('accepts a presign() URL that signed the token (session credentials given to the signer)', async () => {
    const url = await presign({ host: 'localhost:8443', withToken: 'signed' });
    await expect(verifyPresignedUrl(url, options)).resolves.toEqual(KEY);
  });

  it('accepts host signed with or without the port', async () => {
    await expect(
      verifyPresignedUrl(await presign({ host: 'localhost' }), options),
    ).resolves.toEqual(KEY);
    await expect(
      verifyPresignedUrl(await presign({ host: 'localhost:8443' }), options),
    ).resolves.toEqual(KEY);
    await expect(
      verifyPresignedUrl(await presign({ host: '[::1]' }), { ...options, host: '[::1]:8443' }),
    ).resolves.toEqual(KEY);
    // A different host name is not accepted.
    expect(
      await rejection(verifyPresignedUrl(await presign({ host: 'evil.example' }), options)),
    ).toMatchObject({ type: 'InvalidSignatureException' });
  });

  it('accepts a full wss:// URL as well as the request target', async () => {
    const url = await presign({ host: 'localhost:8443' });
    await expect(verifyPresignedUrl(`wss://localhost:8443${url}`, options)).resolves.toEqual(KEY);
  });

  it('accepts a URL without X-Amz-Expires (AWS sample code) within 15 minutes of X-Amz-Date', async () => {
    // Built the way the AWS IoT Developer Guide's WebSocket sample builds it, with node:crypto as an
    // independent oracle: canonical query without X-Amz-Expires and without the token.
    const amzDate = '20250601T120000Z';
    const scope = '20250601/ap-northeast-1/iotdevicegateway/aws4_request';
    const canonicalQuery =
      `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(`${ADMIN.accessKeyId}/${scope}`)}` +
      `&X-Amz-Date=${amzDate}&X-Amz-SignedHeaders=host`;
    const canonicalRequest = [
      'GET',
      '/mqtt',
      canonicalQuery,
      'host:localhost',
      '',
      'host',
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      amzDate,
      scope,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const hmac = (key: Buffer | string, data: string): Buffer =>
      createHmac('sha256', key).update(data).digest();
    let key = hmac(`AWS4${ADMIN.secretAccessKey}`, '20250601');
    for (const part of ['ap-northeast-1', 'iotdevicegateway', 'aws4_request'])
      key = hmac(key, part);
    const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
    const url = `/mqtt?${canonicalQuery}&X-Amz-Signature=${signature}`;
    await expect(verifyPresignedUrl(url, { ...options, now: NOW + 14 * 60_000 })).resolves.toEqual(
      ADMIN,
    );
    expect(
      await rejection(verifyPresignedUrl(url, { ...options, now: NOW + 16 * 60_000 })),
    ).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature expired/) as unknown,
    });
  });

  it('honours X-Amz-Expires', async () => {
    const url = await presign({ host: 'localhost:8443', expiresIn: 60 });
    await expect(verifyPresignedUrl(url, { ...options, now: NOW + 60_000 })).resolves.toEqual(KEY);
    expect(
      await rejection(verifyPresignedUrl(url, { ...options, now: NOW + 61_000 })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      type: 'InvalidSignatureException',
      message: expect.stringMatching(/Signature expired/) as unknown,
    });
    const future = await presign({ host: 'localhost:8443', signingDate: NOW + 20 * 60_000 });
    expect(await rejection(verifyPresignedUrl(future, options))).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringMatching(/not yet current/) as unknown,
    });
  });

  it('refuses a tampered signature or query', async () => {
    const url = await presign({ host: 'localhost:8443' });
    const sig = /X-Amz-Signature=([0-9a-f]{64})/.exec(url)?.[1] ?? '';
    const flipped = sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(await rejection(verifyPresignedUrl(url.replace(sig, flipped), options))).toMatchObject({
      code: 'FORBIDDEN',
      type: 'InvalidSignatureException',
    });
    expect(
      await rejection(verifyPresignedUrl(url.replace('/mqtt?', '/mqtt?extra=1&'), options)),
    ).toMatchObject({ type: 'InvalidSignatureException' });
    expect(
      await rejection(verifyPresignedUrl(url.replace('/mqtt?', '/other?'), options)),
    ).toMatchObject({ type: 'InvalidSignatureException' });
  });

  it('refuses the wrong service or region', async () => {
    expect(
      await rejection(
        verifyPresignedUrl(await presign({ host: 'localhost:8443', service: 'iotdata' }), options),
      ),
    ).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringContaining("'iotdevicegateway'") as unknown,
    });
    const url = await presign({ host: 'localhost:8443', region: 'us-east-1' });
    expect(
      await rejection(verifyPresignedUrl(url, { ...options, region: 'ap-northeast-1' })),
    ).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringContaining('region') as unknown,
    });
    await expect(verifyPresignedUrl(url, options)).resolves.toEqual(KEY);
  });

  it('refuses an unknown key, a wrong, missing or extra session token and expired credentials', async () => {
    const unknown = await presign({
      host: 'localhost:8443',
      credential: { ...KEY, accessKeyId: 'ASIAUNKNOWN000000000' },
    });
    expect(await rejection(verifyPresignedUrl(unknown, options))).toMatchObject({
      code: 'UNAUTHORIZED',
      type: 'UnrecognizedClientException',
    });
    const wrongToken = await presign({
      host: 'localhost:8443',
      credential: { ...KEY, sessionToken: 'not-the-token' },
    });
    expect(await rejection(verifyPresignedUrl(wrongToken, options))).toMatchObject({
      code: 'UNAUTHORIZED',
      type: 'UnrecognizedClientException',
    });
    const noToken = await presign({ host: 'localhost:8443', withToken: 'none' });
    expect(await rejection(verifyPresignedUrl(noToken, options))).toMatchObject({
      type: 'UnrecognizedClientException',
    });
    const extraToken = `${await presign({ host: 'localhost:8443', credential: ADMIN })}&X-Amz-Security-Token=abc`;
    expect(await rejection(verifyPresignedUrl(extraToken, options))).toMatchObject({
      type: 'UnrecognizedClientException',
    });
    const url = await presign({ host: 'localhost:8443' });
    expect(
      await rejection(verifyPresignedUrl(url, { ...options, now: KEY.expiresAt ?? 0 })),
    ).toMatchObject({ code: 'UNAUTHORIZED', type: 'ExpiredTokenException' });
  });

  it('answers malformed or missing parameters without throwing anything but LocalCloudError', async () => {
    expect(await rejection(verifyPresignedUrl('/mqtt', options))).toMatchObject({
      code: 'UNAUTHORIZED',
      type: 'MissingAuthenticationTokenException',
    });
    expect(
      await rejection(verifyPresignedUrl('/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256', options)),
    ).toMatchObject({
      type: 'IncompleteSignatureException',
      message: expect.stringContaining('X-Amz-Credential') as unknown,
    });
    expect(await rejection(verifyPresignedUrl('/mqtt?X-Amz-Date=%E0%A4%A', options))).toMatchObject(
      { type: 'IncompleteSignatureException' },
    );
    const url = await presign({ host: 'localhost:8443' });
    expect(
      await rejection(
        verifyPresignedUrl(url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=999999999'), options),
      ),
    ).toMatchObject({ type: 'IncompleteSignatureException' });
    expect(
      await rejection(
        verifyPresignedUrl(url.replace(/X-Amz-Date=\w+/, 'X-Amz-Date=20251301T000000Z'), options),
      ),
    ).toMatchObject({ type: 'IncompleteSignatureException' });
    expect(
      await rejection(
        verifyPresignedUrl(
          url.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256'),
          options,
        ),
      ),
    ).toMatchObject({ type: 'IncompleteSignatureException' });
  });
});
