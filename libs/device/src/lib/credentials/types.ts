import type { SecretFileSystem } from '@iot-gateway-net/pki/device';
import type { RotationState } from '@iot-gateway-net/rotation';

/** A credential's PEM texts, as read from its slot. Never log them. */
export interface CredentialFiles {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** What {@link CredentialStore.loadState} found. */
export type LoadedState =
  | { readonly kind: 'loaded'; readonly state: RotationState }
  | { readonly kind: 'missing' }
  | { readonly kind: 'corrupt'; readonly problem: string };

/** Options of `createCredentialStore`. */
export interface CredentialStoreOptions {
  /** The daemon's directory (created 0700): `slots/`, `rotation-state.json`, `thing.json`. */
  readonly stateDir: string;
  /** The factory-installed claim credential; never written or deleted by the store. */
  readonly claim: {
    readonly slot: string;
    readonly certificatePath: string;
    readonly privateKeyPath: string;
  };
  /** File-system port of the atomic writes (tests inject failures). Defaults to `node:fs/promises`. */
  readonly fs?: SecretFileSystem;
}

/**
 * The credentials and state of one robot on disk. Slot `<n>` lives in `<stateDir>/slots/<n>/`
 * (`certificate.pem`, `private.key`, `request.csr`; directories 0700, files 0600); every write is
 * atomic (temporary file, fsync, rename, directory fsync), so a crash leaves the old file or the
 * new one, never a mix.
 */
export interface CredentialStore {
  /** Directory of a production slot. @throws {DeviceError} `CREDENTIALS` for an unsafe slot name. */
  slotDir(slot: string): string;
  /**
   * Reads and checks (parses) the certificate and key of `slot` (the claim slot reads the claim
   * files). @throws {DeviceError} `CREDENTIALS` when missing, unreadable or malformed.
   */
  readCredential(slot: string): Promise<CredentialFiles>;
  /** Reads the CSR written by `writeKey`. @throws {DeviceError} `CREDENTIALS` when missing. */
  readCsr(slot: string): Promise<string>;
  /** Creates the slot and writes its private key (and CSR). @throws {DeviceError} `IO`. */
  writeKey(slot: string, privateKeyPem: string, csrPem?: string): Promise<void>;
  /** Creates the slot and writes its certificate. @throws {DeviceError} `IO`. */
  writeCertificate(slot: string, certificatePem: string): Promise<void>;
  /** Removes a production slot's files; a missing slot is fine. @throws {DeviceError} `IO`. */
  deleteSlot(slot: string): Promise<void>;
  /** Names of the production slot directories present. */
  listSlots(): Promise<string[]>;
  /** Deletes every slot directory not in `referenced`; returns the deleted names. */
  sweep(referenced: readonly string[]): Promise<string[]>;
  /** Reads the persisted rotation state; a missing or corrupt file is reported, never thrown. */
  loadState(): Promise<LoadedState>;
  /** Writes the rotation state atomically. @throws {DeviceError} `STATE`. */
  saveState(state: RotationState): Promise<void>;
  /** The thing name RegisterThing answered, if any was saved. */
  loadThingName(): Promise<string | undefined>;
  /** Saves the thing name atomically. @throws {DeviceError} `STATE`. */
  saveThingName(thingName: string): Promise<void>;
}
