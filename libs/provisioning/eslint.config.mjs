import { projectConfig, universalPlatform } from '../../eslint.config.mjs';
// provisioning is platform:node only because cbor-x's types need Node; its source uses web globals only.

export default [...projectConfig, ...universalPlatform];
