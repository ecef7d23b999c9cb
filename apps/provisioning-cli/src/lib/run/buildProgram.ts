import { Command, Option } from 'commander';
import { certsCommand } from '../commands/certsCommand.js';
import { claimCommand } from '../commands/claimCommand.js';
import { doctorCommand } from '../commands/doctorCommand.js';
import { kitCommand } from '../commands/kitCommand.js';
import { policyCommand } from '../commands/policyCommand.js';
import { runbookCommand } from '../commands/runbookCommand.js';
import { setupCommand } from '../commands/setupCommand.js';
import { shadowCommand } from '../commands/shadowCommand.js';
import { thingCommand } from '../commands/thingCommand.js';
import { thingsCommand } from '../commands/thingsCommand.js';
import type { ProgramDeps } from '../commands/types.js';
import type { CliIo } from '../io/types.js';

const EXIT_CODE_HELP = `
Target: --local [dataDir] reads <dataDir>/endpoints.json of the local cloud (default
.data/local-cloud); without it amrctl uses AWS with the standard credential chain.

Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 check failed (doctor, policy check).

Examples:
  $ amrctl --local setup
  $ amrctl --local kit AMR-001 --out /media/usb
  $ amrctl --region ap-northeast-1 --profile factory things list
`;

/**
 * Builds the commander program: global options, every command, output routed to `io`, and
 * `exitOverride` so nothing calls `process.exit`.
 */
export function buildProgram(io: CliIo, deps: ProgramDeps): Command {
  const program = new Command('amrctl')
    .description(
      'Set up AWS IoT for the AMR fleet, kit robots, inspect the fleet and run the runbooks — against the local cloud or AWS.\nAMR フリートの AWS IoT 設定・キッティング・点検・ランブック',
    )
    .addOption(
      new Option('--local [dataDir]', 'use the local cloud in dataDir (default .data/local-cloud)'),
    )
    .option('--profile <name>', 'AWS profile (shared config/credentials files)')
    .option('--region <region>', 'AWS region (default: AWS_REGION)')
    .option('--account-id <id>', 'AWS account id (read from an existing ARN when omitted)')
    .option('--template-name <name>', 'provisioning template (default amr-fleet)')
    .option('--production-policy-name <name>', 'production policy (default amr-device)')
    .option('--claim-policy-name <name>', 'claim policy (default amr-claim)')
    .option('--thing-name-prefix <prefix>', 'things are named prefix + serial (default AMR-)')
    .option('--json', 'machine-readable JSON on standard output')
    .option('--debug', 'show stack traces')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line, the hint on it: scripts and technicians read the first line only.
      outputError: (text, write) =>
        write(
          `amrctl: ${text
            .replace(/^error: /u, '')
            .trim()
            .replace(/\s*\n\s*/gu, ' ')} (see --help)\n`,
        ),
    })
    .addHelpText('after', EXIT_CODE_HELP);
  program.helpCommand(false);
  setupCommand(program, deps);
  claimCommand(program, deps);
  kitCommand(program, deps);
  thingsCommand(program, deps);
  thingCommand(program, deps);
  certsCommand(program, deps);
  shadowCommand(program, deps);
  runbookCommand(program, deps);
  policyCommand(program, deps);
  doctorCommand(program, deps);
  return program;
}
