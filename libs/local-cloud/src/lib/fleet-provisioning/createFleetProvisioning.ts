import { parseProvisioningTopic, type ProvisioningTopic } from '@iot-gateway-net/topics';
import type { CloudContext } from '../context/CloudContext.js';
import type { InboundMessage, MessageBus } from '../context/MessageBus.js';
import { assertClaimUsable } from './assertClaimUsable.js';
import { DEFAULT_SWEEP_INTERVAL_MS } from './constants.js';
import { createCertificateFromCsr } from './createCertificateFromCsr.js';
import { createKeysAndCertificate } from './createKeysAndCertificate.js';
import { encodeAnswer } from './encodeAnswer.js';
import { registerThing } from './registerThing.js';
import { sweepUnregisteredCertificates } from './sweepUnregisteredCertificates.js';
import { toRejectedPayload } from './toRejectedPayload.js';
import type { FleetProvisioning, FleetProvisioningOptions } from './types.js';

// The request topics of the fleet-provisioning MQTT API, json and cbor (aws-wire.md section 2).
const FILTERS = [
  '$aws/certificates/create/+',
  '$aws/certificates/create-from-csr/+',
  '$aws/provisioning-templates/+/provision/+',
];

/**
 * The fleet-provisioning MQTT API of the local cloud (AWS IoT Developer Guide, "Device
 * provisioning MQTT API"): CreateKeysAndCertificate, CreateCertificateFromCsr and RegisterThing
 * (templates from the registry, applied in one transaction), in json and cbor. Requests arrive through `bus` after the broker authorized them against the publisher's
 * policies; answers go on `<request topic>/accepted` or `/rejected`, in the request's format, to
 * the requesting connection only ("IoT Core Fleet Provisioning returns the device provisioning MQTT
 * API results through the same MQTT connection used to publish the API request"). New certificates
 * are PENDING_ACTIVATION with an ownership token valid 1 hour; a timer (unref'd) sweeps expired
 * tokens and deletes the certificates never registered.
 *
 * Publishes without an MQTT connection (HTTPS) get no answer, as there is nobody to answer.
 */
export function createFleetProvisioning(
  ctx: CloudContext,
  bus: MessageBus,
  options: FleetProvisioningOptions = {},
): FleetProvisioning {
  const logger = ctx.logger.child({ component: 'fleet-provisioning' });
  const requests = ctx.metrics.counter(
    'fleet_provisioning_requests_total',
    'Fleet-provisioning MQTT requests by operation and outcome',
  );

  const run = (topic: ProvisioningTopic, message: InboundMessage): Promise<unknown> => {
    assertClaimUsable(ctx, message.certificateId);
    switch (topic.operation) {
      case 'CreateKeysAndCertificate':
        return createKeysAndCertificate(ctx, topic.format, message.payload);
      case 'CreateCertificateFromCsr':
        return createCertificateFromCsr(ctx, topic.format, message.payload);
      case 'RegisterThing':
        return registerThing(ctx, topic.templateName, topic.format, message.payload, {
          clientId: message.clientId ?? '',
          claimCertificateId: message.certificateId,
          invokeHook: options.invokeHook,
          hookTimeoutMs: options.hookTimeoutMs,
        });
    }
  };

  const handle = async (message: InboundMessage): Promise<void> => {
    const topic = parseProvisioningTopic(message.topic);
    if (topic === undefined || topic.reply !== undefined || message.clientId === undefined) return;
    let reply: 'accepted' | 'rejected';
    let body: unknown;
    try {
      body = await run(topic, message);
      reply = 'accepted';
    } catch (error) {
      const rejection = toRejectedPayload(error);
      const level = rejection.statusCode >= 500 ? 'error' : 'info';
      logger[level]('fleet_provisioning.rejected', {
        operation: topic.operation,
        clientId: message.clientId,
        statusCode: rejection.statusCode,
        errorCode: rejection.errorCode,
        error,
      });
      body = rejection;
      reply = 'rejected';
    }
    requests.inc({ operation: topic.operation, outcome: reply });
    await bus.sendToClient(
      message.clientId,
      `${message.topic}/${reply}`,
      encodeAnswer(topic.format, body),
      { qos: message.qos },
    );
  };

  const removers = FILTERS.map((filter) => bus.handle(filter, handle));

  const sweep = (): string[] => {
    const deleted = sweepUnregisteredCertificates(ctx);
    if (deleted.length > 0) {
      logger.info('fleet_provisioning.swept', { certificateIds: deleted });
    }
    return deleted;
  };
  const timer = setInterval(() => {
    try {
      sweep();
    } catch (error) {
      logger.error('fleet_provisioning.sweep_failed', { error });
    }
  }, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();

  return {
    sweep,
    close() {
      clearInterval(timer);
      for (const remove of removers) remove();
      return Promise.resolve();
    },
  };
}
