import { version } from '../package.json';

/** The API version, from package.json: shown in /api/health and the OpenAPI document. */
export const APP_VERSION: string = version;
