// A light entry for clients (the provisioning CLI, the device daemon, tools) that only read a local
// cloud's endpoints.json: it loads zod and the schema, not the broker, SQLite or TLS servers.
export { EndpointsSchema, type Endpoints } from './lib/config/schemas.js';
