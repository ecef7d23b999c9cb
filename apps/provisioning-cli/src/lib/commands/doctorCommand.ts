import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CLAIM_FILE_NAMES } from '@iot-gateway-net/fleet-setup';
import { DOCTOR_CHECK_COUNT } from '../doctor/constants.js';
import { runDoctor, type DoctorCheck } from '../doctor/runDoctor.js';
import { CliError } from '../errors/CliError.js';
import { createProgress } from '../output/createProgress.js';
import { fleetNames } from '../target/fleetNames.js';
import type { ProgramDeps } from './types.js';

/** `amrctl doctor`: pass/fail lines with hints; exit 4 when anything fails. */
export function doctorCommand(parent: Command, deps: ProgramDeps): Command {
  return parent
    .command('doctor')
    .description(
      'Check endpoints, TLS trust, clock skew, credentials, template and policies / 接続診断',
    )
    .option(
      '--bundle <dir>',
      'a kitted bundle (or claim directory): mutual TLS on 8883 with its claim certificate / claim 証明書で相互 TLS',
    )
    .addHelpText(
      'after',
      '\nWithout --bundle the MQTTS check (8883) sends no client certificate: it checks the server certificate\nagainst the root CA and TLS 1.2+, and a server that then ends the handshake still passes.\nExit code 0 when every check passes, 4 otherwise.\n\nExamples:\n  $ amrctl --local doctor\n  $ amrctl --local doctor --bundle /media/usb/001\n  $ amrctl --region ap-northeast-1 doctor --json\n',
    )
    .action(async (options: { bundle?: string }, command: Command) => {
      const context = deps.context(command);
      const clientCertificate =
        options.bundle === undefined
          ? undefined
          : await readClaim(context.resolvePath(options.bundle));
      const names = fleetNames(context.globals);
      const target = await context.target(names.templateName);
      const progress = createProgress(context.io, DOCTOR_CHECK_COUNT);
      const checks = await runDoctor({
        target,
        names,
        now: () => context.now(),
        onCheck: (check) => progress.tick(check.name),
        ...(clientCertificate === undefined ? {} : { clientCertificate }),
      });
      progress.done();
      const failed = checks.filter((check) => !check.ok).length;
      context.emit({ ok: failed === 0, checks }, ({ checks: list }) => render(list));
      if (failed > 0) throw new CliError('CHECK_FAILED', `doctor: ${failed} check(s) failed`);
    });
}

// The claim certificate and key of a bundle or claim directory (`kit`, `claim create`).
async function readClaim(dir: string): Promise<{ certificatePem: string; privateKeyPem: string }> {
  const read = async (name: string): Promise<string> => {
    const path = join(dir, name);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new CliError(
        'NOT_FOUND',
        `Cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? 'error'}): --bundle expects a directory with ${CLAIM_FILE_NAMES.certificate} and ${CLAIM_FILE_NAMES.privateKey}`,
        { cause: error },
      );
    }
  };
  return {
    certificatePem: await read(CLAIM_FILE_NAMES.certificate),
    privateKeyPem: await read(CLAIM_FILE_NAMES.privateKey),
  };
}

function render(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((check) => check.name.length));
  return checks
    .map(
      (check) =>
        `${check.ok ? 'PASS' : 'FAIL'}  ${check.name.padEnd(width)}  ${check.detail}${check.hint === undefined ? '' : `\n      hint: ${check.hint}`}`,
    )
    .join('\n');
}
