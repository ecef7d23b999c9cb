import { derToPem, parseCertificate } from '@iot-gateway-net/pki';
import {
  evaluateTemplate,
  parseTemplate,
  ProvisioningTemplateError,
  type ProvisioningPlan,
} from '@iot-gateway-net/provisioning-templates';
import type { CloudContext } from '../context/CloudContext.js';
import { newCertificateRecord } from '../control-plane/newCertificateRecord.js';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import { applyProvisioningPlan } from '../fleet-provisioning/applyProvisioningPlan.js';
import type { CaCertificateRecord, CertificateRecord } from '../registry/types.js';
import { certificatePseudoParameters } from './certificatePseudoParameters.js';

/** What {@link provisionJustInTime} registered. */
export interface JustInTimeProvisioned {
  /** The certificate after provisioning (its status is the template's, `ACTIVE` by default). */
  certificate: CertificateRecord;
  /** The template's thing, when it has one. */
  thingName?: string;
}

/**
 * Just-in-time provisioning (AWS IoT Developer Guide, "Just-in-time provisioning") of a device
 * certificate signed by `ca`: loads the CA's template (its `registrationConfig.templateBody`, or the
 * JITP-type template its `templateName` names), evaluates it with the certificate's
 * `AWS::IoT::Certificate::*` pseudo-parameters (no device parameters exist at a CONNECT; declared
 * ones need a `Default`), then in ONE registry transaction registers the certificate
 * PENDING_ACTIVATION (origin `jitp`, under `ca`) and applies the plan — thing, thing groups,
 * policies, attachments and the certificate's status — with the same code as RegisterThing. Either
 * all of it exists afterwards, or nothing does. Does not check the CA's status, auto-registration
 * or signature: the caller found `ca` for this certificate.
 *
 * @returns `undefined` when the certificate was registered meanwhile (a concurrent CONNECT).
 * @throws {LocalCloudError} `NOT_FOUND` for a template name that does not exist; `INVALID_REQUEST`
 *   for a template that is not of type JITP or fails to evaluate (a missing
 *   certificate field, a bad thing name, ...); the rejections of `applyProvisioningPlan` (a policy
 *   or thing group that does not exist, OverrideSettings FAIL, ...). Nothing is written then.
 */
export function provisionJustInTime(
  ctx: CloudContext,
  ca: CaCertificateRecord,
  certificateDer: Uint8Array,
): JustInTimeProvisioned | undefined {
  const parsed = parseCertificate(certificateDer);
  const { certificateId } = parsed;
  const plan = evaluate(
    templateBodyOf(ctx, ca),
    certificatePseudoParameters(certificateDer, certificateId),
    ca.caCertificateId,
  );
  const { registry } = ctx;
  return registry.transaction(() => {
    if (registry.getCertificate(certificateId) !== undefined) return undefined;
    // AWS's JITP workflow "first registers a certificate with a status value of
    // PENDING_ACTIVATION"; the template's Certificate resource then sets its status.
    const registered = registry.insertCertificate(
      newCertificateRecord(ctx, {
        certificateId,
        certificatePem: derToPem(certificateDer, 'CERTIFICATE'),
        notBefore: parsed.notBefore,
        notAfter: parsed.notAfter,
        status: 'PENDING_ACTIVATION',
        certificateMode: 'DEFAULT',
        origin: 'jitp',
        caCertificateId: ca.caCertificateId,
      }),
    );
    applyProvisioningPlan(ctx, plan, registered);
    return {
      certificate: registry.getCertificate(certificateId) ?? registered,
      ...(plan.thing === undefined ? {} : { thingName: plan.thing.thingName }),
    };
  });
}

function templateBodyOf(ctx: CloudContext, ca: CaCertificateRecord): string {
  const config = ca.registrationConfig ?? {};
  if ((config.templateBody ?? '') !== '' || config.templateName === undefined) {
    return config.templateBody ?? '';
  }
  const name = config.templateName;
  const template = ctx.registry.getProvisioningTemplate(name);
  if (template === undefined) {
    throw new LocalCloudError(
      'NOT_FOUND',
      `The provisioning template "${name}" named by CA certificate ${ca.caCertificateId} does not exist`,
    );
  }
  // AWS: "For just-in-time provisioning (JITP), you must specify template type to be JITP when
  // creating the provisioning template."
  if (template.type !== 'JITP') {
    throw new LocalCloudError(
      'INVALID_REQUEST',
      `Unexpected provisioning template "${name}" of type ${template.type} for CA certificate ${ca.caCertificateId}, expected a template of type JITP`,
    );
  }
  // `enabled` is not checked: AWS's own JITP example creates the template without `--enabled`
  // (CreateProvisioningTemplate defaults it to false) and then provisions from it.
  return template.templateBody;
}

function evaluate(
  body: string,
  pseudoParameters: Record<string, string>,
  caCertificateId: string,
): ProvisioningPlan {
  try {
    return evaluateTemplate(parseTemplate(body), { parameters: {}, pseudoParameters });
  } catch (error) {
    if (error instanceof ProvisioningTemplateError) {
      throw new LocalCloudError(
        'INVALID_REQUEST',
        `The JITP template of CA certificate ${caCertificateId} cannot provision the certificate: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}
