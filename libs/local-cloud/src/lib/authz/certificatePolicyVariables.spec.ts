import { certificatePolicyVariables } from './certificatePolicyVariables.js';

describe('certificatePolicyVariables', () => {
  it('maps subject, issuer, alternative names, serial and validity', () => {
    const variables = certificatePolicyVariables({
      subject: { C: 'JP', O: ['Example Corp', 'AnyCompany'], CN: 'AMR-001', serialNumber: 'SN1' },
      issuer: { CN: 'iot-gateway-net local CA', OU: ['a', 'b', 'c', 'd', 'e', 'f'] },
      serialNumber: '0A1B',
      notBefore: Date.UTC(2025, 0, 1),
      notAfter: Date.UTC(2026, 0, 1),
      subjectAltName: 'DNS:robot.local, IP Address:192.0.2.1, DNS:robot2.local',
    });
    expect(variables).toEqual({
      'iot:Certificate.Subject.Country': 'JP',
      'iot:Certificate.Subject.Organization': ['Example Corp', 'AnyCompany'],
      'iot:Certificate.Subject.CommonName': 'AMR-001',
      'iot:Certificate.Subject.SerialNumber': 'SN1',
      'iot:Certificate.Issuer.OrganizationalUnit': ['a', 'b', 'c', 'd', 'e'],
      'iot:Certificate.Issuer.CommonName': 'iot-gateway-net local CA',
      'iot:Certificate.Subject.AlternativeName.DNSName': ['robot.local', 'robot2.local'],
      'iot:Certificate.Subject.AlternativeName.IPAddress': '192.0.2.1',
      'iot:Certificate.SerialNumber': '0A1B',
      'iot:Certificate.Validity.NotBefore': '2025-01-01T00:00:00.000Z',
      'iot:Certificate.Validity.NotAfter': '2026-01-01T00:00:00.000Z',
      'iot:Certificate.AvailableKeys': [
        'iot:Certificate.Subject.Country',
        'iot:Certificate.Subject.Organization',
        'iot:Certificate.Subject.CommonName',
        'iot:Certificate.Subject.SerialNumber',
        'iot:Certificate.Issuer.OrganizationalUnit',
        'iot:Certificate.Issuer.CommonName',
        'iot:Certificate.Subject.AlternativeName.DNSName',
        'iot:Certificate.Subject.AlternativeName.IPAddress',
        'iot:Certificate.SerialNumber',
        'iot:Certificate.Validity.NotBefore',
        'iot:Certificate.Validity.NotAfter',
      ],
    });
  });
});
