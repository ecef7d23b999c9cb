import type { Command } from 'commander';
import {
  ensureFleetSetup,
  FLEET_RESOURCE_COUNT,
  type FleetSetupReport,
} from '@iot-gateway-net/fleet-setup';
import { CliError } from '../errors/CliError.js';
import { createProgress } from '../output/createProgress.js';
import { renderTable } from '../output/renderTable.js';
import { fleetNames } from '../target/fleetNames.js';
import type { ProgramDeps } from './types.js';

/**
 * `amrctl setup`: creates or updates, idempotently, the production and claim policies and the
 * provisioning template (design 6, integrator step 2), and prints what changed.
 */
export function setupCommand(parent: Command, deps: ProgramDeps): Command {
  return parent
    .command('setup')
    .description(
      'Create or update the provisioning template, production and claim policies (idempotent) / テンプレートとポリシーの作成・更新',
    )
    .option(
      '--provisioning-role-arn <arn>',
      'IAM role AWS IoT assumes to provision (required on AWS; local default arn:aws:iam::<account>:role/amr-fleet-provisioning)',
    )
    .option(
      '--pre-provisioning-hook-arn <arn>',
      'Lambda run before each provisioning (serial allowlist); without it an existing hook is kept',
    )
    .option(
      '--remove-pre-provisioning-hook',
      'remove the pre-provisioning hook from the template / 事前プロビジョニングフックを外す',
    )
    .addHelpText(
      'after',
      '\nA second run with the same options changes nothing and prints "unchanged".\nAn existing pre-provisioning hook is kept unless --remove-pre-provisioning-hook is given.\n\nExample:\n  $ amrctl --local setup\n  $ amrctl --local setup --remove-pre-provisioning-hook\n  $ amrctl --region ap-northeast-1 --account-id 123456789012 setup --provisioning-role-arn arn:aws:iam::123456789012:role/amr-provisioning\n',
    )
    .action(
      async (
        options: {
          provisioningRoleArn?: string;
          preProvisioningHookArn?: string;
          removePreProvisioningHook?: boolean;
        },
        command: Command,
      ) => {
        const context = deps.context(command);
        if (
          options.removePreProvisioningHook === true &&
          options.preProvisioningHookArn !== undefined
        ) {
          throw new CliError(
            'USAGE',
            'Give either --pre-provisioning-hook-arn or --remove-pre-provisioning-hook, not both',
          );
        }
        const names = fleetNames(context.globals);
        const target = await context.target(names.templateName);
        const accountId = await target.accountId();
        let roleArn = options.provisioningRoleArn;
        if (roleArn === undefined) {
          if (target.kind === 'aws') {
            throw new CliError(
              'USAGE',
              'Missing --provisioning-role-arn: AWS IoT needs an IAM role to provision things (AWSIoTThingsRegistration)',
            );
          }
          roleArn = `arn:aws:iam::${accountId}:role/amr-fleet-provisioning`;
        }
        const progress = createProgress(context.io, FLEET_RESOURCE_COUNT);
        let report: FleetSetupReport;
        try {
          report = await ensureFleetSetup({
            iot: target.iot,
            region: target.region,
            accountId,
            ...names,
            provisioningRoleArn: roleArn,
            ...(options.preProvisioningHookArn === undefined
              ? {}
              : { preProvisioningHookArn: options.preProvisioningHookArn }),
            // A technician who leaves out the ARN keeps the template's hook; removing it is explicit.
            keepExistingPreProvisioningHook: options.removePreProvisioningHook !== true,
            onResource: (change) => progress.tick(`${change.name} ${change.action}`),
          });
        } finally {
          progress.done();
        }
        context.emit(report, renderReport);
      },
    );
}

function renderReport(report: FleetSetupReport): string {
  const rows = report.resources.map((resource) => [
    resource.kind,
    resource.name,
    resource.action,
    resource.detail ?? '',
  ]);
  const changed = report.resources.filter((resource) => resource.action !== 'unchanged').length;
  return `${renderTable(['KIND', 'NAME', 'ACTION', 'DETAIL'], rows)}${changed === 0 ? 'Nothing to change / 変更なし' : `${changed} resource(s) created or updated / 作成・更新しました`}`;
}
