import type { Command } from 'commander';
import {
  CLAIM_CERTIFICATE_DEFAULTS,
  createClaimCredential,
  createTrustedUserClaim,
  writeClaimCredential,
} from '@iot-gateway-net/fleet-setup';
import { assertAbsent } from '../claim/assertAbsent.js';
import { PER_ROBOT_CLAIM_CN_PREFIX } from '../claim/constants.js';
import { discardClaimCertificate } from '../claim/discardClaimCertificate.js';
import { parseSerial } from '../claim/parseSerial.js';
import { CliError } from '../errors/CliError.js';
import { DAY } from '../inspect/schemas.js';
import { fleetNames } from '../target/fleetNames.js';
import type { ProgramDeps } from './types.js';

const SHARED_WARNING =
  'amrctl: warning: a shared claim certificate serves every robot: if one robot leaks it, every robot kitted with it must be re-kitted (design 12.1 recommends one per robot) / 共有 claim は一台の漏洩で全台に影響します\n';

/**
 * `amrctl claim create <serial>` (per-robot claim certificate, design 12.1), `claim create
 * --shared`, and `claim trusted-user` (CreateProvisioningClaim, 5 minutes, seed 001).
 */
export function claimCommand(parent: Command, deps: ProgramDeps): Command {
  const claim = parent
    .command('claim')
    .description('Claim credentials / claim 証明書')
    .addHelpText('after', '\nExample:\n  $ amrctl --local claim create 001 --out ./claim-001\n');

  claim
    .command('create')
    .description(
      'Create a self-signed claim certificate (20 years, claim policy attached) for one robot, or --shared / claim 証明書の作成',
    )
    .argument('[serial]', 'robot serial (the claim CN becomes device-claim:<serial>)')
    .option('--shared', 'one claim certificate for many robots (not recommended)')
    .option('--out <dir>', 'directory for claim.cert.pem and claim.private.key (0600)')
    .option('--days <n>', 'validity in days', String(CLAIM_CERTIFICATE_DEFAULTS.validityDays))
    .option('--force', 'replace existing claim files')
    .addHelpText(
      'after',
      '\nExamples:\n  $ amrctl --local claim create 001 --out ./claim-001\n  $ amrctl --local claim create --shared --out ./claim-shared\n',
    )
    .action(
      async (
        serialArgument: string | undefined,
        options: { shared?: boolean; out?: string; days: string; force?: boolean },
        command: Command,
      ) => {
        const context = deps.context(command);
        if ((serialArgument === undefined) === (options.shared !== true)) {
          throw new CliError(
            'USAGE',
            'Give either a serial or --shared (one claim per robot is recommended)',
          );
        }
        const serial = serialArgument === undefined ? undefined : parseSerial(serialArgument);
        const validityDays = Number(options.days);
        if (!Number.isInteger(validityDays) || validityDays <= 0) {
          throw new CliError(
            'USAGE',
            `Unexpected --days "${options.days}", expected a whole number of days > 0`,
          );
        }
        const dir = context.resolvePath(
          options.out ?? (serial === undefined ? 'claim-shared' : `claim-${serial}`),
        );
        const force = options.force === true;
        await assertAbsent(`${dir}/claim.private.key`, force);
        if (serial === undefined) context.io.stderr.write(SHARED_WARNING);
        const names = fleetNames(context.globals);
        const target = await context.target(names.templateName);
        const now = context.now();
        const commonName =
          serial === undefined
            ? CLAIM_CERTIFICATE_DEFAULTS.commonName
            : `${PER_ROBOT_CLAIM_CN_PREFIX}${serial}`;
        const credential = await createClaimCredential({
          iot: target.iot,
          claimPolicyName: names.claimPolicyName,
          commonName,
          now,
          validityDays,
        });
        let paths;
        try {
          paths = await writeClaimCredential(dir, credential, { force });
        } catch (error) {
          await discardClaimCertificate(target.iot, credential, names.claimPolicyName);
          throw error;
        }
        const result = {
          certificateId: credential.certificateId,
          certificateArn: credential.certificateArn,
          commonName,
          shared: serial === undefined,
          notAfter: new Date(now.getTime() + validityDays * DAY).toISOString(),
          ...paths,
        };
        context.emit(result, (r) =>
          [
            `Claim certificate ${r.certificateId}`,
            `  CN           ${r.commonName}`,
            `  valid until  ${r.notAfter}`,
            `  certificate  ${r.certificatePath}`,
            `  private key  ${r.privateKeyPath} (0600)`,
          ].join('\n'),
        );
      },
    );

  claim
    .command('trusted-user')
    .description(
      'Get a 5-minute claim certificate with CreateProvisioningClaim (provisioning by trusted user) / 5 分間有効な claim',
    )
    .option(
      '--out <dir>',
      'directory for claim.cert.pem and claim.private.key (0600)',
      'claim-trusted-user',
    )
    .option('--force', 'replace existing claim files')
    .addHelpText(
      'after',
      '\nThe robot must connect and finish provisioning before the printed expiry.\n\nExample:\n  $ amrctl --local claim trusted-user --out /media/usb/claim\n',
    )
    .action(async (options: { out: string; force?: boolean }, command: Command) => {
      const context = deps.context(command);
      const dir = context.resolvePath(options.out);
      const force = options.force === true;
      await assertAbsent(`${dir}/claim.private.key`, force);
      const names = fleetNames(context.globals);
      const target = await context.target(names.templateName);
      const claim = await createTrustedUserClaim({
        iot: target.iot,
        templateName: names.templateName,
      });
      const paths = await writeClaimCredential(dir, claim, { force });
      const secondsLeft = Math.max(
        0,
        Math.round((claim.expiresAt.getTime() - context.now().getTime()) / 1000),
      );
      const result = {
        certificateId: claim.certificateId,
        expiresAt: claim.expiresAt.toISOString(),
        secondsLeft,
        ...paths,
      };
      context.emit(result, (r) =>
        [
          `Trusted-user claim ${r.certificateId}`,
          `  expires      ${r.expiresAt} (in ${Math.floor(r.secondsLeft / 60)} min ${r.secondsLeft % 60} s): provision the robot before then / 期限内にプロビジョニングしてください`,
          `  certificate  ${r.certificatePath}`,
          `  private key  ${r.privateKeyPath} (0600)`,
        ].join('\n'),
      );
    });
  return claim;
}
