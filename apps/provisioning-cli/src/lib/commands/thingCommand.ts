import type { Command } from 'commander';
import { loadThingDetails } from '../inspect/loadThingDetails.js';
import type { ThingDetails } from '../inspect/schemas.js';
import { renderCertificates } from '../output/renderCertificates.js';
import type { ProgramDeps } from './types.js';

/** `amrctl thing show <name>`: one robot, its attributes and every certificate attached to it. */
export function thingCommand(parent: Command, deps: ProgramDeps): Command {
  const thing = parent
    .command('thing')
    .description('One robot / 設備一台')
    .addHelpText('after', '\nExample:\n  $ amrctl --local thing show AMR-001\n');
  thing
    .command('show')
    .description('Show a thing, its attributes and certificates / 設備の詳細')
    .argument('<name>', 'thing name, e.g. AMR-001')
    .addHelpText('after', '\nExample:\n  $ amrctl --local thing show AMR-001 --json\n')
    .action(async (name: string, _options: unknown, command: Command) => {
      const context = deps.context(command);
      const target = await context.target();
      const details = await loadThingDetails(target.iot, name, context.now());
      context.emit(details, renderThing);
    });
  return thing;
}

function renderThing(thing: ThingDetails): string {
  const attributes = Object.entries(thing.attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [
    `Thing       ${thing.thingName}`,
    `ARN         ${thing.thingArn ?? '-'}`,
    `Type        ${thing.thingTypeName ?? '-'}`,
    `Attributes  ${attributes || '-'}`,
    '',
    renderCertificates(thing.certificates),
  ].join('\n');
}
