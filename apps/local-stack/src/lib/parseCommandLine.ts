import { parseArgs } from 'node:util';

/** What `npm start` (the `local-stack` executable) was asked to do. */
export type CommandLine =
  | { kind: 'help' }
  | {
      kind: 'start';
      /** Root of everything the stack keeps between runs. */
      dataDir: string;
      /** How many simulated AMRs to run. */
      count: number;
      /** Lifetime of production certificates the local CA issues, in days. */
      deviceCertificateDays: number;
      /** Print one summary block per refresh instead of redrawing the screen. */
      plain: boolean;
    };

/** Usage text of `npm start -- [options]`. */
export const USAGE = `Usage: npm start -- [options]

ローカルクラウドを起動し、初期設定（プロビジョニングテンプレート、claim / 本番ポリシー、claim 証明書、
事前プロビジョニングフック）を行い、claim 証明書で自らプロビジョニングする模擬 AMR の群れを動かします。
Starts the local cloud, sets it up (provisioning template, claim and production policies, claim
certificates, pre-provisioning hook) and runs a simulated AMR fleet that provisions itself by claim.

Options:
  --data-dir DIR      where the cloud, the robots' credentials and the logs live. Default: .data
  --count N           number of simulated AMRs (1-1000). Default: 3
  --cert-days N       lifetime of production certificates in days (fractions allowed, e.g. 0.01
                      to watch rotations). Default: 365
  --plain             print the summary as plain blocks (no screen redraw)
  -h, --help          show this help

Example:
  npm start -- --count 10
`;

/**
 * Parses the arguments of `npm start`.
 *
 * @throws {Error} with a one-line message naming the bad flag or value.
 */
export function parseCommandLine(argv: string[], isTty: boolean): CommandLine {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string' },
      count: { type: 'string' },
      'cert-days': { type: 'string' },
      plain: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  const count = values.count === undefined ? 3 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new Error(`Invalid --count "${values.count}", expected an integer from 1 to 1000`);
  }
  const days = values['cert-days'] === undefined ? 365 : Number(values['cert-days']);
  if (!Number.isFinite(days) || days <= 0 || days > 3650) {
    throw new Error(
      `Invalid --cert-days "${values['cert-days']}", expected a number above 0 and at most 3650`,
    );
  }
  return {
    kind: 'start',
    dataDir: values['data-dir'] ?? '.data',
    count,
    deviceCertificateDays: days,
    plain: values.plain === true || !isTty,
  };
}
