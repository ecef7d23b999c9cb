import type { Command } from 'commander';
import { CliError } from '../errors/CliError.js';
import { createProgress } from '../output/createProgress.js';
import { renderCertificates } from '../output/renderCertificates.js';
import { renderTable } from '../output/renderTable.js';
import { runClaimCompromise, type ClaimCompromiseReport } from '../runbooks/runClaimCompromise.js';
import { runKeyLeak, type KeyLeakReport } from '../runbooks/runKeyLeak.js';
import { runRenewalFailure, type RenewalFailureReport } from '../runbooks/runRenewalFailure.js';
import { fleetNames } from '../target/fleetNames.js';
import type { ProgramDeps } from './types.js';

/** `amrctl runbook key-leak | renewal-failure | claim-compromise` (design 7). */
export function runbookCommand(parent: Command, deps: ProgramDeps): Command {
  const runbook = parent
    .command('runbook')
    .description('Runbooks of design section 7 / ランブック')
    .addHelpText('after', '\nExample:\n  $ amrctl --local runbook key-leak AMR-001\n');

  runbook
    .command('key-leak')
    .description(
      "Deactivate (or --revoke) a robot's certificate and detach its policies; the robot recovers through its claim / 鍵漏洩",
    )
    .argument('<thing|certId>', 'thing name (all its ACTIVE certificates) or certificate id/ARN')
    .option('--revoke', 'REVOKED (final) instead of INACTIVE')
    .addHelpText(
      'after',
      '\nExamples:\n  $ amrctl --local runbook key-leak AMR-001\n  $ amrctl --local runbook key-leak 3f1c...e9 --revoke\n',
    )
    .action(async (subject: string, options: { revoke?: boolean }, command: Command) => {
      const context = deps.context(command);
      const target = await context.target();
      const report = await runKeyLeak({
        iot: target.iot,
        subject,
        revoke: options.revoke === true,
        now: context.now(),
        progress: (total) => createProgress(context.io, total),
      });
      context.emit(report, renderKeyLeak);
    });

  runbook
    .command('renewal-failure')
    .description(
      "Show a robot's certificates and what they mean; --reenable the previous one / 証明書更新失敗",
    )
    .argument('<thing>', 'thing name')
    .option(
      '--reenable <certId>',
      "make this certificate ACTIVE again: one attached to the thing, or its previousCertificateId (the last rotation's)",
    )
    .option('--lead-days <n>', 'renewal lead time in days', '30')
    .addHelpText(
      'after',
      '\nExamples:\n  $ amrctl --local runbook renewal-failure AMR-001\n  $ amrctl --local runbook renewal-failure AMR-001 --reenable 3f1c...e9\n',
    )
    .action(
      async (
        thingName: string,
        options: { reenable?: string; leadDays: string },
        command: Command,
      ) => {
        const context = deps.context(command);
        const target = await context.target();
        const { productionPolicyName, claimPolicyName } = fleetNames(context.globals);
        const report = await runRenewalFailure({
          iot: target.iot,
          thingName,
          ...(options.reenable === undefined ? {} : { reenable: options.reenable }),
          productionPolicyName,
          claimPolicyName,
          leadDays: parseLeadDays(options.leadDays),
          now: context.now(),
          progress: (total) => createProgress(context.io, total),
        });
        context.emit(report, renderRenewalFailure);
      },
    );

  runbook
    .command('claim-compromise')
    .description(
      'Deactivate (or --revoke) a claim certificate and list the robots it served / claim 漏洩',
    )
    .argument('<claimCertId>', 'claim certificate id or ARN')
    .option('--revoke', 'REVOKED (final) instead of INACTIVE')
    .addHelpText('after', '\nExample:\n  $ amrctl --local runbook claim-compromise 3f1c...e9\n')
    .action(async (claimCertificate: string, options: { revoke?: boolean }, command: Command) => {
      const context = deps.context(command);
      const target = await context.target();
      const report = await runClaimCompromise({
        iot: target.iot,
        claimCertificate,
        revoke: options.revoke === true,
        now: context.now(),
        progress: (total) => createProgress(context.io, total),
      });
      context.emit(report, renderClaimCompromise);
    });
  return runbook;
}

function parseLeadDays(value: string): number {
  const days = Number(value);
  if (!Number.isFinite(days) || days < 0) {
    throw new CliError('USAGE', `Unexpected --lead-days "${value}", expected a number of days ≥ 0`);
  }
  return days;
}

function renderKeyLeak(report: KeyLeakReport): string {
  const things = report.things.join(', ') || '(no thing)';
  return [
    `Runbook: key leak / 鍵漏洩 — ${things}`,
    ...report.certificates.map(
      (c) =>
        `  [done] ${c.certificateId}: ${c.previousStatus} -> ${c.newStatus}; detached ${c.detachedPolicies.join(', ') || 'no policy'}`,
    ),
    '',
    'What happens next / この後:',
    "  1. AWS IoT closed the robot's connection; the leaked key can no longer connect.",
    '  2. The robot gets "not authorized", connects with its claim certificate, creates a new key and',
    '     certificate and runs RegisterThing; the new certificate is ACTIVE with the production policy.',
    '     ロボットは claim 証明書で新しい本番証明書を取得します（再起動でも可）。',
    `  3. Watch it come back: amrctl thing show ${report.things[0] ?? '<thing>'}`,
  ].join('\n');
}

function renderRenewalFailure(report: RenewalFailureReport): string {
  const lines = [
    `Runbook: renewal failure / 証明書更新失敗 — ${report.thing.thingName}`,
    '',
    renderCertificates(report.thing.certificates),
    'Findings / 所見:',
    ...report.findings.map((finding) => `  - ${finding}`),
  ];
  if (report.reenabled !== undefined) {
    const r = report.reenabled;
    lines.push(
      '',
      `  [done] ${r.certificateId}: ${r.previousStatus} -> ACTIVE${r.attachedToThing ? `; attached to ${report.thing.thingName}` : ''}${r.attachedPolicy === undefined ? '' : `; policy ${r.attachedPolicy} attached`}`,
    );
  }
  lines.push(
    '',
    'Steps / 手順 (design 7):',
    '  1. While the old certificate still connects, the robot retries the renewal by itself.',
    '  2. If the old one no longer works, the robot renews through its claim certificate (20 years).',
    '  3. Still failing: check network, NTP (clock) and the template — run "amrctl doctor".',
  );
  return lines.join('\n');
}

function renderClaimCompromise(report: ClaimCompromiseReport): string {
  const rows = report.robots.map((robot) => [
    robot.thingName,
    robot.serial ?? '-',
    robot.activeCertificateId?.slice(0, 12) ?? '-',
  ]);
  return [
    `Runbook: claim compromise / claim 漏洩 — ${report.certificateId}`,
    `  [done] ${report.previousStatus} -> ${report.newStatus} (CN ${report.commonName ?? '-'})`,
    '',
    report.method === 'perRobot'
      ? 'Robot served by this per-robot claim (CN device-claim:<serial> -> thing attribute serialNumber):'
      : 'Shared claim: every robot provisioned since it was made may have used it:',
    renderTable(['THING', 'SERIAL', 'ACTIVE CERTIFICATE'], rows).trimEnd(),
    '',
    'Next / 次の手順:',
    '  These robots keep running on their production certificates but can no longer recover through',
    '  this claim. Give each a new claim: amrctl kit <serial> --out DIR --force, then install the bundle.',
    '  本番証明書で稼働は続きますが、新しい claim を再キッティングしてください。',
  ].join('\n');
}
