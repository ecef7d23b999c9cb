import { z } from 'zod';
import { CertificateIdSchema, ThingNameSchema } from '../names/schemas.js';

// Payloads of the fleet provisioning MQTT API (AWS IoT Developer Guide, "Device provisioning MQTT
// API"). Request schemas check shape only, so the provisioning service can answer a bad request
// with AWS's own rejected payload (e.g. 400 InvalidCertificateOwnershipToken for an empty token).

/**
 * CreateKeysAndCertificate request: AWS documents an empty payload and the AWS SDKs send `{}`;
 * both are accepted ({@link parsePayload} turns an empty payload into `undefined`).
 */
export const CreateKeysAndCertificateRequestSchema = z.object({}).optional();

/** CreateKeysAndCertificate request. */
export type CreateKeysAndCertificateRequest = z.infer<typeof CreateKeysAndCertificateRequestSchema>;

/**
 * CreateKeysAndCertificate answer on `.../accepted`: a new PENDING_ACTIVATION certificate and its
 * private key.
 */
export const CreateKeysAndCertificateAcceptedSchema = z.object({
  certificateId: CertificateIdSchema,
  certificatePem: z.string().min(1),
  privateKey: z.string().min(1),
  certificateOwnershipToken: z.string().min(1),
});

/** CreateKeysAndCertificate answer. */
export type CreateKeysAndCertificateAccepted = z.infer<
  typeof CreateKeysAndCertificateAcceptedSchema
>;

/** CreateCertificateFromCsr request: the CSR in PEM. */
export const CreateCertificateFromCsrRequestSchema = z.object({
  certificateSigningRequest: z.string(),
});

/** CreateCertificateFromCsr request. */
export type CreateCertificateFromCsrRequest = z.infer<typeof CreateCertificateFromCsrRequestSchema>;

/** CreateCertificateFromCsr answer on `.../accepted`: the signed certificate, no key. */
export const CreateCertificateFromCsrAcceptedSchema = z.object({
  certificateId: CertificateIdSchema,
  certificatePem: z.string().min(1),
  certificateOwnershipToken: z.string().min(1),
});

/** CreateCertificateFromCsr answer. */
export type CreateCertificateFromCsrAccepted = z.infer<
  typeof CreateCertificateFromCsrAcceptedSchema
>;

/**
 * RegisterThing request: the ownership token from CreateKeysAndCertificate or
 * CreateCertificateFromCsr (valid 1 hour) and optional string parameters for the template and its
 * pre-provisioning hook.
 */
export const RegisterThingRequestSchema = z.object({
  certificateOwnershipToken: z.string(),
  parameters: z.record(z.string(), z.string()).optional(),
});

/** RegisterThing request. */
export type RegisterThingRequest = z.infer<typeof RegisterThingRequestSchema>;

/**
 * RegisterThing answer on `.../accepted`: the template's flat `DeviceConfiguration` and the thing
 * name.
 */
export const RegisterThingAcceptedSchema = z.object({
  deviceConfiguration: z.record(z.string(), z.string()),
  thingName: ThingNameSchema.optional(),
});

/** RegisterThing answer. */
export type RegisterThingAccepted = z.infer<typeof RegisterThingAcceptedSchema>;

/**
 * Payload of every fleet provisioning `.../rejected` topic, e.g.
 * `{ statusCode: 400, errorCode: 'InvalidCertificateOwnershipToken', errorMessage: '...' }`.
 */
export const ProvisioningRejectedSchema = z.object({
  statusCode: z.number().int(),
  errorCode: z.string(),
  errorMessage: z.string(),
});

/** Payload of a fleet provisioning `.../rejected` topic. */
export type ProvisioningRejected = z.infer<typeof ProvisioningRejectedSchema>;
