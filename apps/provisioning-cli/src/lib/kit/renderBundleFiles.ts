import { CLAIM_FILE_NAMES } from '@iot-gateway-net/fleet-setup';
import {
  DAEMON_INSTALL_PATHS,
  parseDeviceConfig,
  systemdUnit,
  type DeviceConfigInput,
} from '@iot-gateway-net/device';
import { CliError } from '../errors/CliError.js';
import type { DataEndpoint } from '../target/types.js';
import { BUNDLE_FILES, INSTALL_DIR } from './constants.js';

/** Options of {@link renderBundleFiles}. */
export interface RenderBundleFilesOptions {
  readonly serial: string;
  readonly thingName: string;
  readonly templateName: string;
  readonly endpoint: DataEndpoint;
  readonly rootCaPem: string;
  /** The daemon's state directory; relative paths resolve against the bundle directory. */
  readonly stateDir: string;
  readonly method: 'csr' | 'createKeysAndCertificate';
  readonly claimCertificateId: string;
  /** Written into the README. */
  readonly kittedAt: Date;
}

/** The non-secret files of a bundle (the claim files are written by `writeClaimCredential`). */
export interface BundleFile {
  readonly name: string;
  readonly content: string;
}

/**
 * The daemon's `config.json` (checked with `parseDeviceConfig` of `@iot-gateway-net/device` before
 * anything is written; paths relative to the bundle), the root CA, the systemd unit and the
 * technician's README of one robot's bundle.
 *
 * @throws {CliError} `INVALID_INPUT` when the daemon would refuse the configuration.
 */
export function renderBundleFiles(options: RenderBundleFilesOptions): BundleFile[] {
  const config: DeviceConfigInput = {
    endpoint: { host: options.endpoint.host, port: options.endpoint.mqttsPort },
    serialNumber: options.serial,
    thingName: options.thingName,
    provisioning: { templateName: options.templateName, method: options.method },
    paths: {
      rootCa: BUNDLE_FILES.rootCa,
      claimCertificate: CLAIM_FILE_NAMES.certificate,
      claimPrivateKey: CLAIM_FILE_NAMES.privateKey,
      stateDir: options.stateDir,
    },
  };
  try {
    parseDeviceConfig(config, { baseDir: INSTALL_DIR, source: `config.json of ${options.serial}` });
  } catch (error) {
    throw new CliError('INVALID_INPUT', (error as Error).message, { cause: error });
  }
  return [
    { name: BUNDLE_FILES.config, content: `${JSON.stringify(config, null, 2)}\n` },
    { name: BUNDLE_FILES.rootCa, content: options.rootCaPem },
    { name: BUNDLE_FILES.unit, content: systemdUnit({ robot: options.serial }) },
    { name: BUNDLE_FILES.readme, content: readme(options) },
  ];
}

function readme(options: RenderBundleFilesOptions): string {
  return `AMR ${options.serial} — キッティング一式 / device bundle
(amrctl, ${options.kittedAt.toISOString()})

【日本語】
1. このフォルダの中身をロボットの ${INSTALL_DIR}/ にコピーします:
     sudo install -d -m 0750 -o amr -g amr ${INSTALL_DIR}
     sudo cp -p * ${INSTALL_DIR}/ && sudo chown amr:amr ${INSTALL_DIR}/*
     sudo chmod 0600 ${INSTALL_DIR}/${CLAIM_FILE_NAMES.privateKey}
2. 設定を確認します / check the configuration:
     sudo -u amr node ${DAEMON_INSTALL_PATHS.executable} check --config ${INSTALL_DIR}/${BUNDLE_FILES.config}
3. サービスを登録して起動します:
     sudo cp ${INSTALL_DIR}/${BUNDLE_FILES.unit} /etc/systemd/system/
     sudo systemctl daemon-reload && sudo systemctl enable --now amr-daemon
4. 時刻同期（NTP）を確認します: timedatectl
5. 初回起動でロボットは claim 証明書で接続し、本番証明書を受け取って ${options.thingName} として登録されます。
   確認: amrctl thing show ${options.thingName}
6. ${CLAIM_FILE_NAMES.privateKey} は秘密鍵です。USB メモリから削除し、他人に渡さないでください。

[English]
1. Copy this folder's files to ${INSTALL_DIR}/ on the robot (commands above); the key stays 0600.
2. Check the configuration: node ${DAEMON_INSTALL_PATHS.executable} check --config ${INSTALL_DIR}/${BUNDLE_FILES.config}
3. Install and start the service: copy ${BUNDLE_FILES.unit} to /etc/systemd/system/, then
   systemctl daemon-reload && systemctl enable --now amr-daemon
4. Check the clock is synchronised (timedatectl).
5. On first boot the robot connects with its claim certificate, receives its production
   certificate and registers as ${options.thingName}. Check: amrctl thing show ${options.thingName}
6. ${CLAIM_FILE_NAMES.privateKey} is a private key: wipe it from the USB stick after installing.

Endpoint ${options.endpoint.host}:${options.endpoint.mqttsPort}, template ${options.templateName},
claim certificate ${options.claimCertificateId}
`;
}
