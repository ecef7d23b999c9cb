import type { Command } from 'commander';
import { CliError } from '../errors/CliError.js';
import { runPolicyCheck, type PolicyCheckReport } from '../policy/runPolicyCheck.js';
import type { ProgramDeps } from './types.js';

/** `amrctl policy check`: offline evaluation of a certificate's policies, explained. */
export function policyCommand(parent: Command, deps: ProgramDeps): Command {
  const policy = parent
    .command('policy')
    .description('IoT policies / ポリシー')
    .addHelpText(
      'after',
      '\nExample:\n  $ amrctl --local policy check --principal 3f1c...e9 --action iot:Publish --resource amr/AMR-001/status\n',
    );
  policy
    .command('check')
    .description(
      'Would this certificate be allowed? Evaluates its attached policies offline and names the deciding statement / 権限の確認',
    )
    .requiredOption('--principal <certId|arn>', 'certificate id or ARN')
    .requiredOption(
      '--action <action>',
      'e.g. iot:Publish, iot:Subscribe, iot:Receive, iot:Connect',
    )
    .requiredOption('--resource <arn|topic>', 'full ARN, or a topic / topic filter / client id')
    .option('--client-id <id>', 'iot:ClientId of the connection (default: the attached thing name)')
    .addHelpText(
      'after',
      "\nExit code 0 when allowed, 4 when denied.\n\nExamples:\n  $ amrctl --local policy check --principal 3f1c...e9 --action iot:Publish --resource amr/AMR-001/status\n  $ amrctl --local policy check --principal 3f1c...e9 --action iot:Subscribe --resource 'amr/+/status' --json\n",
    )
    .action(
      async (
        options: { principal: string; action: string; resource: string; clientId?: string },
        command: Command,
      ) => {
        const context = deps.context(command);
        const target = await context.target();
        const report = await runPolicyCheck({
          iot: target.iot,
          region: target.region,
          accountId: await target.accountId(),
          principal: options.principal,
          action: options.action,
          resource: options.resource,
          ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
          now: context.now(),
        });
        context.emit(report, renderReport);
        if (report.decision !== 'allow') {
          throw new CliError(
            'CHECK_FAILED',
            `${report.action} on ${report.resource} is denied (${report.decision})`,
          );
        }
      },
    );
  return policy;
}

function renderReport(report: PolicyCheckReport): string {
  const verdict =
    report.decision === 'allow'
      ? 'ALLOW'
      : report.decision === 'explicitDeny'
        ? 'DENY (explicit Deny statement)'
        : 'DENY (implicit: no statement allows it)';
  const lines = [
    `${verdict}  ${report.action} ${report.resource}`,
    `  principal  ${report.principal}`,
    `  policies   ${report.policies.join(', ') || '(none attached)'}`,
    `  context    ${Object.entries(report.context)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ')}`,
  ];
  if (report.statement !== undefined) {
    const s = report.statement;
    lines.push(
      `  decided by policy "${s.policyName ?? `#${s.policyIndex}`}", statement ${s.statementIndex}${s.sid === undefined ? '' : ` (${s.sid})`}:`,
      ...JSON.stringify(report.deciding, null, 2)
        .split('\n')
        .map((line) => `    ${line}`),
    );
  } else {
    lines.push('  no statement of the attached policies matches: AWS IoT denies by default');
  }
  return lines.join('\n');
}
