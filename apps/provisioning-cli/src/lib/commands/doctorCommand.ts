import type { Command } from 'commander';
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
    .addHelpText(
      'after',
      '\nExit code 0 when every check passes, 4 otherwise.\n\nExamples:\n  $ amrctl --local doctor\n  $ amrctl --region ap-northeast-1 doctor --json\n',
    )
    .action(async (_options: unknown, command: Command) => {
      const context = deps.context(command);
      const names = fleetNames(context.globals);
      const target = await context.target(names.templateName);
      // Reachability, clock, credentials, data endpoint, TLS, template and two policies.
      const progress = createProgress(context.io, 8);
      const checks = await runDoctor({
        target,
        names,
        now: () => context.now(),
        onCheck: (check) => progress.tick(check.name),
      });
      progress.done();
      const failed = checks.filter((check) => !check.ok).length;
      context.emit({ ok: failed === 0, checks }, ({ checks: list }) => render(list));
      if (failed > 0) throw new CliError('CHECK_FAILED', `doctor: ${failed} check(s) failed`);
    });
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
