import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseSerial } from '../claim/parseSerial.js';
import { CliError } from '../errors/CliError.js';
import { DEFAULT_STATE_DIR } from '../kit/constants.js';
import { kitRobot, type KitResult } from '../kit/kitRobot.js';
import { parseSerialCsv, type CsvRowError, type SerialRow } from '../kit/parseSerialCsv.js';
import { createProgress } from '../output/createProgress.js';
import { renderTable } from '../output/renderTable.js';
import { isTargetWideError } from '../run/formatError.js';
import { fleetNames } from '../target/fleetNames.js';
import type { ProgramDeps } from './types.js';

interface KitOptions {
  out?: string;
  csv?: string;
  force?: boolean;
  stateDir: string;
  method: string;
}

/** The outcome of a kitting run (also the `--json` shape). */
interface KitSummary {
  readonly bundles: readonly KitResult[];
  readonly errors: readonly {
    readonly line?: number;
    readonly serial?: string;
    readonly message: string;
  }[];
}

/**
 * `amrctl kit <serial> --out DIR` and `amrctl kit --csv FILE --out DIR`: device bundles, one
 * directory per serial, never overwritten without `--force`, never half-written.
 */
export function kitCommand(parent: Command, deps: ProgramDeps): Command {
  return parent
    .command('kit')
    .description(
      'Write device bundles (daemon config, claim certificate + key 0600, root CA, systemd unit, README) / キッティング',
    )
    .argument('[serial]', 'robot serial (thing name = prefix + serial)')
    .option('--csv <file>', 'CSV of serials (first column; header "serial" optional)')
    .option('--out <dir>', 'where bundles go: <dir>/<serial>/ (e.g. the USB stick)')
    .option('--force', 'replace existing bundles (their claim certificates are deactivated)')
    .option('--state-dir <dir>', 'daemon state directory on the robot', DEFAULT_STATE_DIR)
    .option('--method <method>', 'csr (key made on the robot) or createKeysAndCertificate', 'csr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ amrctl --local kit 001 --out /media/usb\n  $ amrctl --local kit --csv serials.csv --out /media/usb\n',
    )
    .action(async (serialArgument: string | undefined, options: KitOptions, command: Command) => {
      const context = deps.context(command);
      if ((serialArgument === undefined) === (options.csv === undefined)) {
        throw new CliError('USAGE', 'Give either a serial or --csv FILE');
      }
      if (options.out === undefined)
        throw new CliError('USAGE', 'Missing --out DIR (where the bundles go)');
      if (options.method !== 'csr' && options.method !== 'createKeysAndCertificate') {
        throw new CliError(
          'USAGE',
          `Unexpected --method "${options.method}", expected csr or createKeysAndCertificate`,
        );
      }
      const method = options.method;
      let rows: SerialRow[];
      let csvErrors: CsvRowError[] = [];
      if (options.csv === undefined) {
        rows = [{ line: 0, serial: parseSerial(serialArgument ?? '') }];
      } else {
        const path = context.resolvePath(options.csv);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (error) {
          throw new CliError(
            'NOT_FOUND',
            `Cannot read CSV "${path}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            { cause: error },
          );
        }
        ({ rows, errors: csvErrors } = parseSerialCsv(text));
      }
      const names = fleetNames(context.globals);
      const target = await context.target(names.templateName);
      const endpoint = await target.dataEndpoint();
      const rootCaPem = await target.rootCaPem();
      const outDir = context.resolvePath(options.out);

      if (options.csv === undefined) {
        const result = await kitRobot({
          iot: target.iot,
          serial: rows[0]?.serial ?? '',
          outDir,
          force: options.force === true,
          names,
          endpoint,
          rootCaPem,
          stateDir: options.stateDir,
          method,
          now: context.now(),
        });
        context.emit({ bundles: [result], errors: [] } satisfies KitSummary, render);
        return;
      }

      const bundles: KitResult[] = [];
      const errors: KitSummary['errors'][number][] = csvErrors.map((error) => ({ ...error }));
      const progress = createProgress(context.io, rows.length);
      for (const row of rows) {
        try {
          bundles.push(
            await kitRobot({
              iot: target.iot,
              serial: row.serial,
              outDir,
              force: options.force === true,
              names,
              endpoint,
              rootCaPem,
              stateDir: options.stateDir,
              method,
              now: context.now(),
            }),
          );
        } catch (error) {
          if (!(error instanceof CliError) && !(error instanceof Error)) throw error;
          if (isTargetWideError(error)) {
            // Every other row would fail the same way: stop, and say it once (formatError).
            progress.done();
            throw error;
          }
          errors.push({ line: row.line, serial: row.serial, message: error.message });
        }
        progress.tick(row.serial);
      }
      progress.done();
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      context.emit({ bundles, errors } satisfies KitSummary, render);
      if (errors.length > 0) {
        throw new CliError(
          'PARTIAL',
          `kit: ${errors.length} row(s) failed, ${bundles.length} bundle(s) written (${errors.map((e) => `line ${e.line ?? '?'}`).join(', ')})`,
        );
      }
    });
}

function render(summary: KitSummary): string {
  const rows = [
    ...summary.bundles.map((bundle) => [
      bundle.serial,
      bundle.thingName,
      'ok',
      `${bundle.bundleDir}${bundle.replacedClaimCertificateId === undefined ? '' : ` (replaced; old claim ${bundle.replacedClaimCertificateId.slice(0, 12)} INACTIVE)`}`,
    ]),
    ...summary.errors.map((error) => [
      error.serial ?? '-',
      '-',
      error.line === undefined ? 'error' : `line ${error.line}`,
      error.message,
    ]),
  ];
  return `${renderTable(['SERIAL', 'THING', 'RESULT', 'BUNDLE / ERROR'], rows)}${summary.bundles.length} kitted, ${summary.errors.length} failed / キッティング ${summary.bundles.length} 台、失敗 ${summary.errors.length} 件`;
}
