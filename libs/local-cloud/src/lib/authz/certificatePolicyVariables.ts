import type { ContextValue } from '@iot-gateway-net/policy';
import type { CertificateFacts, DistinguishedName } from './types.js';

// OpenSSL short names (as Node reports a certificate's subject and issuer) of the attributes AWS IoT
// exposes as policy variables (AWS IoT Developer Guide, "X.509 certificate policy variables").
const NAME_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['C', 'Country'],
  ['ST', 'State'],
  ['O', 'Organization'],
  ['OU', 'OrganizationalUnit'],
  ['CN', 'CommonName'],
  ['dnQualifier', 'DistinguishedNameQualifier'],
  ['serialNumber', 'SerialNumber'],
  ['title', 'Title'],
  ['SN', 'Surname'],
  ['GN', 'GivenName'],
  ['initials', 'Initials'],
  ['pseudonym', 'Pseudonym'],
  ['generationQualifier', 'GenerationQualifier'],
];

// Node's `subjectaltname` labels to the AWS variable suffixes.
const ALT_NAME_LABELS: Readonly<Record<string, string>> = {
  DNS: 'DNSName',
  'IP Address': 'IPAddress',
  email: 'RFC822Name',
  URI: 'UniformResourceIdentifier',
  DirName: 'DirectoryName',
};

// AWS IoT: "Certificate attributes that contain arrays are limited to five items. Additional items
// are ignored."
const MAX_VALUES = 5;

function addValues(
  out: Record<string, ContextValue>,
  key: string,
  values: readonly string[] | undefined,
): void {
  if (values === undefined || values.length === 0) {
    return;
  }
  const kept = values.slice(0, MAX_VALUES);
  // A single value stays a string so that plain string conditions compare it directly; the policy
  // evaluator derives `.List` and `.N` from either form.
  out[key] = kept.length === 1 ? (kept[0] ?? '') : kept;
}

function addName(out: Record<string, ContextValue>, prefix: string, name: DistinguishedName): void {
  for (const [shortName, variable] of NAME_ATTRIBUTES) {
    const value = name[shortName];
    addValues(out, `${prefix}.${variable}`, typeof value === 'string' ? [value] : value);
  }
}

function parseAltNames(altNames: string | undefined): Map<string, string[]> {
  const byLabel = new Map<string, string[]>();
  if (altNames === undefined) {
    return byLabel;
  }
  for (const entry of altNames.split(/,\s*/)) {
    const colon = entry.indexOf(':');
    const label = ALT_NAME_LABELS[entry.slice(0, colon)];
    if (colon <= 0 || label === undefined) {
      continue;
    }
    const list = byLabel.get(label) ?? [];
    list.push(entry.slice(colon + 1));
    byLabel.set(label, list);
  }
  return byLabel;
}

/**
 * The X.509 certificate policy variables of a client certificate (AWS IoT Developer Guide, "X.509
 * certificate policy variables"): `iot:Certificate.Subject.*` and `iot:Certificate.Issuer.*` for
 * the attributes present (multivalued ones as arrays of at most five),
 * `iot:Certificate.Subject.AlternativeName.*`, `iot:Certificate.SerialNumber`,
 * `iot:Certificate.Validity.NotBefore` / `NotAfter` (ISO 8601) and
 * `iot:Certificate.AvailableKeys` (the names of every variable that has a value). Never throws.
 */
export function certificatePolicyVariables(facts: CertificateFacts): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  addName(out, 'iot:Certificate.Subject', facts.subject);
  addName(out, 'iot:Certificate.Issuer', facts.issuer);
  for (const [label, values] of parseAltNames(facts.subjectAltName)) {
    addValues(out, `iot:Certificate.Subject.AlternativeName.${label}`, values);
  }
  out['iot:Certificate.SerialNumber'] = facts.serialNumber;
  out['iot:Certificate.Validity.NotBefore'] = new Date(facts.notBefore).toISOString();
  out['iot:Certificate.Validity.NotAfter'] = new Date(facts.notAfter).toISOString();
  out['iot:Certificate.AvailableKeys'] = Object.keys(out);
  return out;
}
