// Packs the device daemon for a robot (Raspberry Pi class, Node >= 20): the built daemon app and
// the libraries it needs, as npm tarballs, plus the systemd unit and an install script, into
// dist/amr-daemon/. Copy that directory to the robot and run `sudo ./install.sh` there; npm then
// installs the tarballs and their registry dependencies (mqtt, zod, cbor-x, @peculiar/x509) into
// /opt/amr-daemon. Usage: npm run pack:daemon
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DAEMON_INSTALL_PATHS, systemdUnit } from '@iot-gateway-net/device';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'dist', 'amr-daemon');
const projects = [
  'libs/topics',
  'libs/rotation',
  'libs/pki',
  'libs/provisioning',
  'libs/device',
  'apps/device-daemon',
];

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const project of projects) {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', out, join(root, project)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
await writeFile(join(out, DAEMON_INSTALL_PATHS.unitName), systemdUnit());
const tarballs = (await readdir(out)).filter((name) => name.endsWith('.tgz')).sort();
await writeFile(
  join(out, 'install.sh'),
  `#!/bin/sh
# Installs the AMR device daemon into /opt/amr-daemon and its systemd unit (run as root).
set -eu
cd "$(dirname "$0")"
id amr >/dev/null 2>&1 || useradd --system --home-dir /var/lib/amr-daemon --shell /usr/sbin/nologin amr
mkdir -p /opt/amr-daemon /etc/amr-daemon
npm install --omit=dev --ignore-scripts --no-audit --no-fund --prefix /opt/amr-daemon ${tarballs.map((t) => `./${t}`).join(' ')}
install -m 0644 amr-daemon.service /etc/systemd/system/amr-daemon.service
systemctl daemon-reload
echo "Installed. Put config.json, claim.cert.pem, claim.private.key and the root CA in /etc/amr-daemon,"
echo "then: sudo systemctl enable --now amr-daemon"
`,
);
await chmod(join(out, 'install.sh'), 0o755);
console.log(
  `${out}:\n  ${[...tarballs, DAEMON_INSTALL_PATHS.unitName, 'install.sh'].join('\n  ')}`,
);
