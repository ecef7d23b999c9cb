import { projectConfig } from '../../eslint.config.mjs';

export default projectConfig;
