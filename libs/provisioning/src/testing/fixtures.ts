/**
 * A real PKCS #10 CSR (EC P-256, `CN=amr-001`, made with `openssl req -new`) for specs. Its key
 * was thrown away: the client only checks the PEM armour and base64, AWS parses the rest.
 */
export const TEST_CSR_PEM = [
  '-----BEGIN CERTIFICATE REQUEST-----',
  'MIHNMHQCAQAwEjEQMA4GA1UEAwwHYW1yLTAwMTBZMBMGByqGSM49AgEGCCqGSM49',
  'AwEHA0IABMt6hKw+75/qbhFQx4jDnrmXJhk/IhbWrUqVCbvP9f5q3VGsdCz7ZKr2',
  '3/2a1ORKI+/2gjles23p26MR7Cro/IKgADAKBggqhkjOPQQDAgNJADBGAiEAs4mO',
  'g3lblCPDOsEysnQ84+4BT0UvYsnUCrNZFHM6v5sCIQDorXJmSyNzRwoht8smkF0e',
  'XiQoFka1pKoTbw1pIr7fMg==',
  '-----END CERTIFICATE REQUEST-----',
  '',
].join('\n');
