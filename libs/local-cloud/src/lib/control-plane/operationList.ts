import type { ControlPlaneOperation } from './defineOperation.js';
import { attachPolicy } from './operations/attachPolicy.js';
import { attachThingPrincipal } from './operations/attachThingPrincipal.js';
import { createCertificateFromCsr } from './operations/createCertificateFromCsr.js';
import { createKeysAndCertificate } from './operations/createKeysAndCertificate.js';
import { createPolicy } from './operations/createPolicy.js';
import { createPolicyVersion } from './operations/createPolicyVersion.js';
import { createThing } from './operations/createThing.js';
import { deleteCertificate } from './operations/deleteCertificate.js';
import { deletePolicy } from './operations/deletePolicy.js';
import { deletePolicyVersion } from './operations/deletePolicyVersion.js';
import { deleteThing } from './operations/deleteThing.js';
import { describeCACertificate } from './operations/describeCACertificate.js';
import { describeCertificate } from './operations/describeCertificate.js';
import { describeEndpoint } from './operations/describeEndpoint.js';
import { describeThing } from './operations/describeThing.js';
import { detachPolicy } from './operations/detachPolicy.js';
import { detachThingPrincipal } from './operations/detachThingPrincipal.js';
import { getPolicy } from './operations/getPolicy.js';
import { getPolicyVersion } from './operations/getPolicyVersion.js';
import { listAttachedPolicies } from './operations/listAttachedPolicies.js';
import { listCertificates } from './operations/listCertificates.js';
import { listCertificatesByCA } from './operations/listCertificatesByCA.js';
import { listPolicies } from './operations/listPolicies.js';
import { listPolicyVersions } from './operations/listPolicyVersions.js';
import { listPrincipalThings } from './operations/listPrincipalThings.js';
import { listTargetsForPolicy } from './operations/listTargetsForPolicy.js';
import { listThingPrincipals } from './operations/listThingPrincipals.js';
import { listThings } from './operations/listThings.js';
import { registerCACertificate } from './operations/registerCACertificate.js';
import { registerCertificate } from './operations/registerCertificate.js';
import { registerCertificateWithoutCA } from './operations/registerCertificateWithoutCA.js';
import { setDefaultPolicyVersion } from './operations/setDefaultPolicyVersion.js';
import { updateCertificate } from './operations/updateCertificate.js';
import { updateThing } from './operations/updateThing.js';

/** Every AWS IoT API operation the local control plane implements. */
export const CONTROL_PLANE_OPERATIONS: readonly ControlPlaneOperation[] = [
  createThing,
  describeThing,
  listThings,
  updateThing,
  deleteThing,
  createKeysAndCertificate,
  createCertificateFromCsr,
  registerCertificate,
  registerCertificateWithoutCA,
  describeCertificate,
  listCertificates,
  listCertificatesByCA,
  updateCertificate,
  deleteCertificate,
  registerCACertificate,
  describeCACertificate,
  createPolicy,
  getPolicy,
  listPolicies,
  deletePolicy,
  createPolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  setDefaultPolicyVersion,
  deletePolicyVersion,
  attachPolicy,
  detachPolicy,
  listAttachedPolicies,
  listTargetsForPolicy,
  attachThingPrincipal,
  detachThingPrincipal,
  listThingPrincipals,
  listPrincipalThings,
  describeEndpoint,
];
