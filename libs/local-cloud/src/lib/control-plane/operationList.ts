import type { ControlPlaneOperation } from './defineOperation.js';
import { attachPolicy } from './operations/attachPolicy.js';
import { attachThingPrincipal } from './operations/attachThingPrincipal.js';
import { createCertificateFromCsr } from './operations/createCertificateFromCsr.js';
import { createKeysAndCertificate } from './operations/createKeysAndCertificate.js';
import { createPolicy } from './operations/createPolicy.js';
import { createPolicyVersion } from './operations/createPolicyVersion.js';
import { createProvisioningClaim } from './operations/createProvisioningClaim.js';
import { createProvisioningTemplate } from './operations/createProvisioningTemplate.js';
import { createProvisioningTemplateVersion } from './operations/createProvisioningTemplateVersion.js';
import { createThing } from './operations/createThing.js';
import { deleteCACertificate } from './operations/deleteCACertificate.js';
import { deleteCertificate } from './operations/deleteCertificate.js';
import { deletePolicy } from './operations/deletePolicy.js';
import { deletePolicyVersion } from './operations/deletePolicyVersion.js';
import { deleteProvisioningTemplate } from './operations/deleteProvisioningTemplate.js';
import { deleteProvisioningTemplateVersion } from './operations/deleteProvisioningTemplateVersion.js';
import { deleteThing } from './operations/deleteThing.js';
import { describeCACertificate } from './operations/describeCACertificate.js';
import { describeCertificate } from './operations/describeCertificate.js';
import { describeEndpoint } from './operations/describeEndpoint.js';
import { deleteRegistrationCode } from './operations/deleteRegistrationCode.js';
import { getRegistrationCode } from './operations/getRegistrationCode.js';
import { describeProvisioningTemplate } from './operations/describeProvisioningTemplate.js';
import { describeProvisioningTemplateVersion } from './operations/describeProvisioningTemplateVersion.js';
import { describeThing } from './operations/describeThing.js';
import { detachPolicy } from './operations/detachPolicy.js';
import { detachThingPrincipal } from './operations/detachThingPrincipal.js';
import { getPolicy } from './operations/getPolicy.js';
import { getPolicyVersion } from './operations/getPolicyVersion.js';
import { listAttachedPolicies } from './operations/listAttachedPolicies.js';
import { listCACertificates } from './operations/listCACertificates.js';
import { listCertificates } from './operations/listCertificates.js';
import { listCertificatesByCA } from './operations/listCertificatesByCA.js';
import { listPolicies } from './operations/listPolicies.js';
import { listPolicyVersions } from './operations/listPolicyVersions.js';
import { listPrincipalThings } from './operations/listPrincipalThings.js';
import { listProvisioningTemplateVersions } from './operations/listProvisioningTemplateVersions.js';
import { listProvisioningTemplates } from './operations/listProvisioningTemplates.js';
import { listTargetsForPolicy } from './operations/listTargetsForPolicy.js';
import { listThingPrincipals } from './operations/listThingPrincipals.js';
import { listThings } from './operations/listThings.js';
import { registerCACertificate } from './operations/registerCACertificate.js';
import { registerCertificate } from './operations/registerCertificate.js';
import { registerCertificateWithoutCA } from './operations/registerCertificateWithoutCA.js';
import { setDefaultPolicyVersion } from './operations/setDefaultPolicyVersion.js';
import { updateCACertificate } from './operations/updateCACertificate.js';
import { updateCertificate } from './operations/updateCertificate.js';
import { updateProvisioningTemplate } from './operations/updateProvisioningTemplate.js';
import { updateThing } from './operations/updateThing.js';
import { addThingToThingGroup } from './operations/addThingToThingGroup.js';
import { createThingGroup } from './operations/createThingGroup.js';
import { createThingType } from './operations/createThingType.js';
import { deleteThingGroup } from './operations/deleteThingGroup.js';
import { deleteThingType } from './operations/deleteThingType.js';
import { deprecateThingType } from './operations/deprecateThingType.js';
import { describeThingGroup } from './operations/describeThingGroup.js';
import { describeThingType } from './operations/describeThingType.js';
import { listThingGroups } from './operations/listThingGroups.js';
import { listThingGroupsForThing } from './operations/listThingGroupsForThing.js';
import { listThingsInThingGroup } from './operations/listThingsInThingGroup.js';
import { listThingTypes } from './operations/listThingTypes.js';
import { removeThingFromThingGroup } from './operations/removeThingFromThingGroup.js';
import { updateThingGroup } from './operations/updateThingGroup.js';

/** Every AWS IoT API operation the local control plane implements. */
export const CONTROL_PLANE_OPERATIONS: readonly ControlPlaneOperation[] = [
  createThing,
  describeThing,
  listThings,
  updateThing,
  deleteThing,
  createThingType,
  describeThingType,
  listThingTypes,
  deprecateThingType,
  deleteThingType,
  createThingGroup,
  describeThingGroup,
  listThingGroups,
  updateThingGroup,
  deleteThingGroup,
  addThingToThingGroup,
  removeThingFromThingGroup,
  listThingGroupsForThing,
  listThingsInThingGroup,
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
  listCACertificates,
  updateCACertificate,
  deleteCACertificate,
  getRegistrationCode,
  deleteRegistrationCode,
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
  createProvisioningTemplate,
  describeProvisioningTemplate,
  listProvisioningTemplates,
  updateProvisioningTemplate,
  deleteProvisioningTemplate,
  createProvisioningTemplateVersion,
  describeProvisioningTemplateVersion,
  listProvisioningTemplateVersions,
  deleteProvisioningTemplateVersion,
  createProvisioningClaim,
];
