import type { Command } from 'commander';
import { GetThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { CliError } from '../errors/CliError.js';
import type { ProgramDeps } from './types.js';

/**
 * `amrctl shadow get <thing> [--name robot | --classic]`: a robot's shadow. Defaults to the named
 * shadow `robot` the device daemon reports to (design 3.4).
 */
export function shadowCommand(parent: Command, deps: ProgramDeps): Command {
  const shadow = parent
    .command('shadow')
    .description('Device Shadows / シャドウ')
    .addHelpText('after', '\nExample:\n  $ amrctl --local shadow get AMR-001\n');
  shadow
    .command('get')
    .description(
      "Print a thing's shadow document (the robot's named shadow `robot` by default) / シャドウの取得",
    )
    .argument('<thing>', 'thing name')
    .option('--name <shadow>', 'named shadow (default: robot, the one the device daemon reports)')
    .option('--classic', 'the classic (unnamed) shadow instead')
    .addHelpText('after', '\nExample:\n  $ amrctl --local shadow get AMR-001 --json\n')
    .action(
      async (thingName: string, flags: { name?: string; classic?: boolean }, command: Command) => {
        if (flags.classic === true && flags.name !== undefined) {
          throw new CliError('USAGE', 'Use either --name or --classic, not both');
        }
        const options = { name: flags.classic === true ? undefined : (flags.name ?? 'robot') };
        const context = deps.context(command);
        const target = await context.target();
        const client = await target.dataPlane();
        let payload: Uint8Array | undefined;
        try {
          // AWS IoT Device Shadow service, GetThingShadow (HTTPS data plane).
          payload = (
            await client.send(
              new GetThingShadowCommand({
                thingName,
                ...(options.name === undefined ? {} : { shadowName: options.name }),
              }),
            )
          ).payload;
        } catch (error) {
          if ((error as Error).name === 'ResourceNotFoundException') {
            throw new CliError(
              'NOT_FOUND',
              `No ${options.name === undefined ? 'classic shadow' : `shadow "${options.name}"`} for thing "${thingName}"`,
              { cause: error },
            );
          }
          throw error;
        }
        const document: unknown = JSON.parse(new TextDecoder().decode(payload ?? new Uint8Array()));
        context.emit(document, (value) => JSON.stringify(value, null, 2));
      },
    );
  return shadow;
}
