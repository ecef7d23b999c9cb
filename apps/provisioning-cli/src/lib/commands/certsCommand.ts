import type { Command } from 'commander';
import { CliError } from '../errors/CliError.js';
import {
  findExpiringCertificates,
  type ExpiringCertificate,
} from '../inspect/findExpiringCertificates.js';
import { DEFAULT_MAX_AGE_DAYS } from '../inspect/schemas.js';
import { createProgress } from '../output/createProgress.js';
import { formatDate } from '../output/formatDate.js';
import { renderTable } from '../output/renderTable.js';
import type { ProgramDeps } from './types.js';

/** `amrctl certs expiring --days N`: the renewal-failure early warning. */
export function certsCommand(parent: Command, deps: ProgramDeps): Command {
  const certs = parent
    .command('certs')
    .description('Certificates / 証明書')
    .addHelpText('after', '\nExample:\n  $ amrctl --local certs expiring --days 30\n');
  certs
    .command('expiring')
    .description(
      'ACTIVE certificates that expire or reach their maximum age within N days (renewal-failure early warning) / 期限・最大使用期間が近い証明書',
    )
    .option('--days <n>', 'window in days', '30')
    .option(
      '--max-age-days <n>',
      'maximum age of a production certificate',
      String(DEFAULT_MAX_AGE_DAYS),
    )
    .addHelpText(
      'after',
      '\nA robot that rotates on time never appears here: every line is a robot whose renewal failed.\n\nExample:\n  $ amrctl --local certs expiring --days 30 --json\n',
    )
    .action(async (options: { days: string; maxAgeDays: string }, command: Command) => {
      const context = deps.context(command);
      const days = parseDays('--days', options.days);
      const maxAgeDays = parseDays('--max-age-days', options.maxAgeDays);
      const target = await context.target();
      let progress: ReturnType<typeof createProgress> | undefined;
      const found = await findExpiringCertificates({
        iot: target.iot,
        now: context.now(),
        days,
        maxAgeDays,
        onProgress: (done, total) => {
          progress ??= createProgress(context.io, total);
          progress.tick(`${done}/${total}`);
        },
      });
      progress?.done();
      context.emit({ days, maxAgeDays, certificates: found }, ({ certificates }) =>
        renderExpiring(certificates, days),
      );
    });
  return certs;
}

function parseDays(flag: string, value: string): number {
  const days = Number(value);
  if (!Number.isFinite(days) || days < 0) {
    throw new CliError('USAGE', `Unexpected ${flag} "${value}", expected a number of days ≥ 0`);
  }
  return days;
}

function renderExpiring(certificates: readonly ExpiringCertificate[], days: number): string {
  if (certificates.length === 0) return `No ACTIVE certificate is due within ${days} days.`;
  const rows = certificates.map((certificate) => [
    certificate.certificateId.slice(0, 12),
    certificate.things.join(',') || '-',
    formatDate(certificate.notAfter),
    `${certificate.ageDays}d`,
    formatDate(certificate.dueAt),
    `${certificate.dueInDays}d`,
    certificate.reason === 'expires' ? 'expires' : 'max age',
  ]);
  return `${renderTable(['CERTIFICATE', 'THINGS', 'NOT AFTER', 'AGE', 'DUE', 'IN', 'REASON'], rows)}${certificates.length} certificate(s) due within ${days} days: run "amrctl runbook renewal-failure <thing>"`;
}
