import { projectConfig, universalPlatform } from '../../eslint.config.mjs';

export default [...projectConfig, ...universalPlatform];
