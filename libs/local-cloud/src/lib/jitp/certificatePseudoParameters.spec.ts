import { certificateId, pemToDer } from '@iot-gateway-net/pki';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { certificatePseudoParameters } from './certificatePseudoParameters.js';

// Self-signed fixtures (public certificates, no keys) whose subjects a CSR of @iot-gateway-net/pki
// cannot express: C=JP, ST=Tokyo, O="Robots, Inc", OU=Fleet, OU=Second, dnQualifier=q1,
// serialNumber=SN-123, CN="AMR-ö01+x" (certificate serial 0a1b) — and CN=only-cn.
const FULL_SUBJECT = [
  '-----BEGIN CERTIFICATE-----',
  'MIICAjCCAaigAwIBAgICChswCgYIKoZIzj0EAwIwgYcxCzAJBgNVBAYTAkpQMQ4w',
  'DAYDVQQIEwVUb2t5bzEUMBIGA1UEChMLUm9ib3RzLCBJbmMxDjAMBgNVBAsTBUZs',
  'ZWV0MQ8wDQYDVQQLEwZTZWNvbmQxCzAJBgNVBC4TAnExMQ8wDQYDVQQFEwZTTi0x',
  'MjMxEzARBgNVBAMMCkFNUi3DtjAxK3gwHhcNMjUwMTAxMDAwMDAwWhcNNDUwMTAx',
  'MDAwMDAwWjCBhzELMAkGA1UEBhMCSlAxDjAMBgNVBAgTBVRva3lvMRQwEgYDVQQK',
  'EwtSb2JvdHMsIEluYzEOMAwGA1UECxMFRmxlZXQxDzANBgNVBAsTBlNlY29uZDEL',
  'MAkGA1UELhMCcTExDzANBgNVBAUTBlNOLTEyMzETMBEGA1UEAwwKQU1SLcO2MDEr',
  'eDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABK16CQmw+LPnrvLogVY+sKGoAMDt',
  'LBdXd5SlEUHsyGoK867V7Um374wCbzVPjzk5gXPqic/w2alAvm+c8yZZnd2jAjAA',
  'MAoGCCqGSM49BAMCA0gAMEUCIQDW1OuftQuIC61oIcGEv/HQO+pGmhiUgi14MnH0',
  'zs89dgIgdpGManC4kz4bokayqt3Bkzn65QNG/EMem38mbmGeNIo=',
  '-----END CERTIFICATE-----',
].join('\n');
const CN_ONLY = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBFTCBvKADAgECAgIKHDAKBggqhkjOPQQDAjASMRAwDgYDVQQDEwdvbmx5LWNu',
  'MB4XDTI1MDEwMTAwMDAwMFoXDTQ1MDEwMTAwMDAwMFowEjEQMA4GA1UEAxMHb25s',
  'eS1jbjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABK16CQmw+LPnrvLogVY+sKGo',
  'AMDtLBdXd5SlEUHsyGoK867V7Um374wCbzVPjzk5gXPqic/w2alAvm+c8yZZnd2j',
  'AjAAMAoGCCqGSM49BAMCA0gAMEUCIQDRkMP1fp4cslky4omQZREyYil1B4lEZJv3',
  'n2DQcOk5RQIgbuUIttUKmzcLD5E1oq3ddZs2y8SSC0NBUeFoROZImks=',
  '-----END CERTIFICATE-----',
].join('\n');

describe('certificatePseudoParameters', () => {
  it('reads every AWS::IoT::Certificate::* field from the subject, unescaped', () => {
    const id = certificateId(FULL_SUBJECT);
    expect(certificatePseudoParameters(pemToDer(FULL_SUBJECT), id)).toEqual({
      'AWS::IoT::Certificate::Id': id,
      'AWS::IoT::Certificate::Country': 'JP',
      'AWS::IoT::Certificate::StateName': 'Tokyo',
      'AWS::IoT::Certificate::Organization': 'Robots, Inc',
      // The first value when an attribute repeats.
      'AWS::IoT::Certificate::OrganizationalUnit': 'Fleet',
      'AWS::IoT::Certificate::DistinguishedNameQualifier': 'q1',
      // The subject's serialNumber attribute, not the certificate serial (0a1b).
      'AWS::IoT::Certificate::SerialNumber': 'SN-123',
      'AWS::IoT::Certificate::CommonName': 'AMR-ö01+x',
    });
  });

  it('leaves out the fields the subject lacks', () => {
    const id = certificateId(CN_ONLY);
    expect(certificatePseudoParameters(pemToDer(CN_ONLY), id)).toEqual({
      'AWS::IoT::Certificate::Id': id,
      'AWS::IoT::Certificate::CommonName': 'only-cn',
    });
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => certificatePseudoParameters(new Uint8Array([1, 2, 3]), 'f'.repeat(64))).toThrow(
      LocalCloudError,
    );
  });
});
