import type { Command } from 'commander';
import { listThingNames } from '../inspect/listThingNames.js';
import { loadThingDetails } from '../inspect/loadThingDetails.js';
import type { ThingDetails } from '../inspect/schemas.js';
import { createProgress } from '../output/createProgress.js';
import { formatDate } from '../output/formatDate.js';
import { renderTable } from '../output/renderTable.js';
import type { ProgramDeps } from './types.js';

/**
 * `amrctl things list`: every thing with its certificates (id, status, expiry, age) and the
 * policies attached to each.
 */
export function thingsCommand(parent: Command, deps: ProgramDeps): Command {
  const things = parent
    .command('things')
    .description('Fleet inventory / 設備一覧')
    .addHelpText('after', '\nExample:\n  $ amrctl --local things list\n');
  things
    .command('list')
    .description(
      'List things with their certificates (id, status, expiry, age) and policies / 設備と証明書の一覧',
    )
    .addHelpText('after', '\nExample:\n  $ amrctl --local things list --json\n')
    .action(async (_options: unknown, command: Command) => {
      const context = deps.context(command);
      const target = await context.target();
      const now = context.now();
      const names = await listThingNames(target.iot);
      const progress = createProgress(context.io, names.length);
      const details: ThingDetails[] = [];
      for (const name of names) {
        details.push(await loadThingDetails(target.iot, name, now));
        progress.tick(name);
      }
      progress.done();
      context.emit({ things: details }, ({ things: list }) => renderThings(list));
    });
  return things;
}

function renderThings(things: readonly ThingDetails[]): string {
  const rows = things.flatMap((thing) =>
    thing.certificates.length === 0
      ? [[thing.thingName, '-', '-', '-', '-', '-']]
      : thing.certificates.map((certificate, index) => [
          index === 0 ? thing.thingName : '',
          certificate.certificateId.slice(0, 12),
          certificate.status,
          formatDate(certificate.notAfter),
          `${certificate.ageDays}d`,
          certificate.policies.join(',') || '-',
        ]),
  );
  return `${renderTable(['THING', 'CERTIFICATE', 'STATUS', 'EXPIRES', 'AGE', 'POLICIES'], rows)}${things.length} thing(s)`;
}
