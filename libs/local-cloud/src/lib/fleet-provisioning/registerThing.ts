import {
  applyHookOutput,
  evaluateTemplate,
  parseTemplate,
  ProvisioningTemplateError,
} from '@iot-gateway-net/provisioning-templates';
import {
  RegisterThingRequestSchema,
  type PayloadFormat,
  type RegisterThingAccepted,
} from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import { applyProvisioningPlan } from './applyProvisioningPlan.js';
import { commitInGroup } from '../registry/commitInGroup.js';
import { decodeRequest } from './decodeRequest.js';
import { hashOwnershipToken } from './hashOwnershipToken.js';
import { provisioningFailure } from './provisioningFailure.js';
import type { PreProvisioningHookInvoker } from './types.js';

/** AWS gives a pre-provisioning hook 5 seconds ("Pre-provisioning hooks"). */
const DEFAULT_HOOK_TIMEOUT_MS = 5_000;
// Parsed template bodies, by body: every robot of a fleet registers with the same template. A new
// version has a new body, so nothing goes stale; the bound only limits memory.
const MAX_PARSED_TEMPLATES = 64;
const parsedTemplates = new Map<string, ReturnType<typeof parseTemplate>>();

/** Who asked, and how to run hooks. */
export interface RegisterThingContext {
  /** Client id of the requesting connection. */
  clientId: string;
  /** Certificate the requesting connection uses (the claim certificate). */
  claimCertificateId: string | undefined;
  invokeHook?: PreProvisioningHookInvoker | undefined;
  hookTimeoutMs?: number | undefined;
}

/**
 * The MQTT RegisterThing (AWS IoT Developer Guide, "Device provisioning MQTT API"): checks the
 * certificate ownership token (known, unused, unexpired; it names the certificate, so any
 * connection holding it may register, as on AWS) and the template (exists, enabled), evaluates the
 * template with the request's parameters and `AWS::IoT::Certificate::Id`, then applies every
 * resource and consumes the token in ONE registry transaction: either all of it exists afterwards,
 * or nothing does. The answer waits until that transaction is durable (it is committed with the
 * other requests of the same event-loop turn, see `commitInGroup`).
 *
 * A template with a pre-provisioning hook runs it first, with AWS's input (claim and new certificate,
 * template ARN, client id, parameters) and 5 seconds to answer; a denial, an invalid answer, an
 * error or a timeout refuses provisioning with nothing written; `parameterOverrides` are merged
 * over the request's parameters (AWS IoT Developer Guide, "Pre-provisioning hooks").
 *
 * @throws {LocalCloudError} rejections: 400 InvalidPayload, 400 InvalidCertificateOwnershipToken,
 *   404 ResourceNotFound (template), 400 InvalidRequest (disabled template, template evaluation),
 *   403 ACCESS_DENIED (the hook refused, failed or timed out, or no hook runner is configured), 409
 *   ResourceConflicts.
 */
export async function registerThing(
  ctx: CloudContext,
  templateName: string,
  format: PayloadFormat,
  payload: Uint8Array,
  requester: RegisterThingContext,
): Promise<RegisterThingAccepted> {
  const request = decodeRequest(format, payload, RegisterThingRequestSchema, 'RegisterThing');
  const token = request.certificateOwnershipToken;
  if (token.length === 0) {
    // Observed on AWS (aws-iot-device-sdk-js-v2 issue 69).
    throw provisioningFailure(
      400,
      'InvalidCertificateOwnershipToken',
      'Certificate ownership token cannot be empty.',
    );
  }
  const { registry } = ctx;
  const template = registry.getProvisioningTemplate(templateName);
  if (template === undefined) {
    throw provisioningFailure(
      404,
      'ResourceNotFound',
      `The provisioning template "${templateName}" does not exist`,
    );
  }
  // A JITP template is applied at a device's first CONNECT (the CA's registration config), never
  // by RegisterThing.
  if (template.type !== 'FLEET_PROVISIONING') {
    throw provisioningFailure(
      400,
      'InvalidRequest',
      `The provisioning template "${templateName}" is a ${template.type} template, expected FLEET_PROVISIONING`,
    );
  }
  if (!template.enabled) {
    throw provisioningFailure(
      400,
      'InvalidRequest',
      `The provisioning template "${templateName}" is disabled`,
    );
  }
  const invalidToken = () =>
    provisioningFailure(
      400,
      'InvalidCertificateOwnershipToken',
      'Certificate ownership token is invalid or expired.',
    );
  const tokenHash = hashOwnershipToken(token);
  const pendingCertificate = () => {
    const record = registry.getOwnershipToken(tokenHash);
    if (
      record === undefined ||
      record.usedAt !== undefined ||
      record.expiresAt <= ctx.clock.now()
    ) {
      throw invalidToken();
    }
    const certificate = registry.getCertificate(record.certificateId);
    if (certificate === undefined) throw invalidToken();
    return certificate;
  };

  let parameters = request.parameters ?? {};
  const hook = template.preProvisioningHook;
  if (hook !== undefined) {
    const certificate = pendingCertificate();
    parameters = await runHook(requester, hook.targetArn, templateName, {
      claimCertificateId: requester.claimCertificateId ?? '',
      certificateId: certificate.certificateId,
      certificatePem: certificate.certificatePem,
      templateArn: template.templateArn,
      clientId: requester.clientId,
      parameters,
    });
  }

  // Checked again inside the transaction: the token may have been used while the hook ran. One
  // transaction (a savepoint of the group commit), answered once durable.
  return commitInGroup(registry, () => {
    const now = ctx.clock.now();
    const certificate = pendingCertificate();
    let plan;
    try {
      plan = evaluateTemplate(parsedTemplate(template.templateBody), {
        parameters,
        pseudoParameters: { 'AWS::IoT::Certificate::Id': certificate.certificateId },
      });
    } catch (error) {
      if (error instanceof ProvisioningTemplateError) {
        throw provisioningFailure(400, 'InvalidRequest', error.message, { cause: error });
      }
      throw error;
    }
    applyProvisioningPlan(ctx, plan, certificate);
    registry.markOwnershipTokenUsed(tokenHash, now);
    return {
      deviceConfiguration: plan.deviceConfiguration,
      ...(plan.thing === undefined ? {} : { thingName: plan.thing.thingName }),
    };
  });
}

function parsedTemplate(body: string): ReturnType<typeof parseTemplate> {
  let parsed = parsedTemplates.get(body);
  if (parsed === undefined) {
    parsed = parseTemplate(body);
    if (parsedTemplates.size >= MAX_PARSED_TEMPLATES) parsedTemplates.clear();
    parsedTemplates.set(body, parsed);
  }
  return parsed;
}

async function runHook(
  requester: RegisterThingContext,
  targetArn: string,
  templateName: string,
  input: Parameters<PreProvisioningHookInvoker>[1],
): Promise<Record<string, string>> {
  // AWS IoT Developer Guide, "Pre-provisioning hooks": when the function fails (or denies), "the
  // provisioning request fails with ACCESS_DENIED". The status code is not documented; 403 it is.
  const denied = (reason: string, cause?: unknown) =>
    provisioningFailure(403, 'ACCESS_DENIED', reason, cause === undefined ? undefined : { cause });
  if (requester.invokeHook === undefined) {
    // Refuse rather than skip: a hook is usually an allowlist, and skipping it would let anyone in.
    throw denied(
      `The provisioning template "${templateName}" has a pre-provisioning hook and no hook runner is configured`,
    );
  }
  const timeoutMs = requester.hookTimeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let output: unknown;
  try {
    output = await Promise.race([
      requester.invokeHook(targetArn, input),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw denied(`Pre-provisioning hook ${targetArn} failed: ${(error as Error).message}`, error);
  } finally {
    clearTimeout(timer);
  }
  const decision = applyHookOutput(input.parameters, output);
  if (!decision.allow) throw denied(decision.reason);
  return decision.parameters;
}
