import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  certificateValidity,
  importPrivateKeyPem,
  writeSecretFileAtomic,
} from '@iot-gateway-net/pki/device';
import {
  SlotSchema,
  deserializeRotationState,
  serializeRotationState,
} from '@iot-gateway-net/rotation';
import { ThingNameSchema } from '@iot-gateway-net/topics';
import { z } from 'zod';
import { DeviceError } from '../errors/DeviceError.js';
import type { CredentialFiles, CredentialStore, CredentialStoreOptions } from './types.js';

const CERTIFICATE_FILE = 'certificate.pem';
const KEY_FILE = 'private.key';
const CSR_FILE = 'request.csr';
const STATE_FILE = 'rotation-state.json';
const THING_FILE = 'thing.json';
const SLOTS_DIR = 'slots';

const ThingFileSchema = z.object({ thingName: ThingNameSchema });

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : 'unknown';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Directory fsync makes a created or removed entry survive a power cut; some file systems
// cannot do it, which is not a failure.
async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Opens the on-disk credential store of one robot (see {@link CredentialStore}). Creates nothing
 * until the first write.
 */
export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const { stateDir, claim, fs } = options;
  const slotsDir = join(stateDir, SLOTS_DIR);
  const writeOptions = fs === undefined ? {} : { fs };

  const slotDir = (slot: string): string => {
    const parsed = SlotSchema.safeParse(slot);
    if (!parsed.success || slot === claim.slot) {
      throw new DeviceError(
        'CREDENTIALS',
        `Unexpected slot ${JSON.stringify(slot)}, expected a production slot [A-Za-z0-9._-]{1,64}`,
      );
    }
    return join(slotsDir, slot);
  };

  const ensureDir = async (path: string, parent: string): Promise<void> => {
    try {
      const created = await mkdir(path, { recursive: true, mode: 0o700 });
      if (created !== undefined) await syncDirectory(parent);
    } catch (cause) {
      throw new DeviceError(
        'IO',
        `Cannot create directory "${path}" (${errorCode(cause)}), expected a writable state directory`,
        { cause },
      );
    }
  };

  const ensureSlot = async (slot: string): Promise<string> => {
    const dir = slotDir(slot);
    await ensureDir(stateDir, join(stateDir, '..'));
    await ensureDir(slotsDir, stateDir);
    await ensureDir(dir, slotsDir);
    return dir;
  };

  const write = async (path: string, data: string, code: 'IO' | 'STATE'): Promise<void> => {
    try {
      await writeSecretFileAtomic(path, data, writeOptions);
    } catch (cause) {
      throw new DeviceError(code, reasonOf(cause), { cause });
    }
  };

  const readText = async (path: string, what: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (cause) {
      throw new DeviceError(
        'CREDENTIALS',
        `Cannot read the ${what} "${path}" (${errorCode(cause)}), expected a readable PEM file`,
        { cause },
      );
    }
  };

  const pathsOf = (slot: string) =>
    slot === claim.slot
      ? { certificate: claim.certificatePath, key: claim.privateKeyPath }
      : { certificate: join(slotDir(slot), CERTIFICATE_FILE), key: join(slotDir(slot), KEY_FILE) };

  return {
    slotDir,

    async readCredential(slot): Promise<CredentialFiles> {
      const paths = pathsOf(slot);
      const certificatePem = await readText(paths.certificate, `certificate of slot ${slot}`);
      const privateKeyPem = await readText(paths.key, `private key of slot ${slot}`);
      try {
        certificateValidity(certificatePem);
      } catch (cause) {
        throw new DeviceError(
          'CREDENTIALS',
          `Malformed certificate "${paths.certificate}": ${reasonOf(cause)}`,
          { cause },
        );
      }
      try {
        await importPrivateKeyPem(privateKeyPem);
      } catch (cause) {
        // The key's own text never goes into the message.
        throw new DeviceError(
          'CREDENTIALS',
          `Malformed private key "${paths.key}", expected an unencrypted PEM private key`,
          { cause },
        );
      }
      return { certificatePem, privateKeyPem };
    },

    async readCsr(slot) {
      return readText(join(slotDir(slot), CSR_FILE), `CSR of slot ${slot}`);
    },

    async writeKey(slot, privateKeyPem, csrPem) {
      const dir = await ensureSlot(slot);
      await write(join(dir, KEY_FILE), privateKeyPem, 'IO');
      if (csrPem !== undefined) await write(join(dir, CSR_FILE), csrPem, 'IO');
    },

    async writeCertificate(slot, certificatePem) {
      const dir = await ensureSlot(slot);
      await write(join(dir, CERTIFICATE_FILE), certificatePem, 'IO');
    },

    async deleteSlot(slot) {
      const dir = slotDir(slot);
      try {
        await rm(dir, { recursive: true, force: true });
      } catch (cause) {
        throw new DeviceError(
          'IO',
          `Cannot delete slot directory "${dir}" (${errorCode(cause)}), expected a writable state directory`,
          { cause },
        );
      }
      await syncDirectory(slotsDir);
    },

    async listSlots() {
      try {
        const entries = await readdir(slotsDir, { withFileTypes: true });
        return entries
          .filter((entry) => entry.isDirectory() && SlotSchema.safeParse(entry.name).success)
          .map((entry) => entry.name)
          .sort();
      } catch (cause) {
        if (errorCode(cause) === 'ENOENT') return [];
        throw new DeviceError(
          'IO',
          `Cannot list "${slotsDir}" (${errorCode(cause)}), expected a readable state directory`,
          { cause },
        );
      }
    },

    async sweep(referenced) {
      const keep = new Set(referenced);
      const swept: string[] = [];
      for (const slot of await this.listSlots()) {
        if (keep.has(slot) || slot === claim.slot) continue;
        await this.deleteSlot(slot);
        swept.push(slot);
      }
      return swept;
    },

    async loadState() {
      let text: string;
      try {
        text = await readFile(join(stateDir, STATE_FILE), 'utf8');
      } catch (cause) {
        if (errorCode(cause) === 'ENOENT') return { kind: 'missing' };
        return { kind: 'corrupt', problem: `cannot read (${errorCode(cause)})` };
      }
      try {
        return { kind: 'loaded', state: deserializeRotationState(text) };
      } catch (cause) {
        return { kind: 'corrupt', problem: reasonOf(cause) };
      }
    },

    async saveState(state) {
      await ensureDir(stateDir, join(stateDir, '..'));
      await write(join(stateDir, STATE_FILE), serializeRotationState(state), 'STATE');
    },

    async loadThingName() {
      try {
        const text = await readFile(join(stateDir, THING_FILE), 'utf8');
        const parsed = ThingFileSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data.thingName : undefined;
      } catch {
        return undefined;
      }
    },

    async saveThingName(thingName) {
      await ensureDir(stateDir, join(stateDir, '..'));
      await write(join(stateDir, THING_FILE), JSON.stringify({ thingName }), 'STATE');
    },
  };
}
