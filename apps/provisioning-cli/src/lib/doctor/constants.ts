/**
 * How many checks `runDoctor` decides when every step runs (the progress total): control plane,
 * clock skew, credentials, data endpoint, MQTTS TLS, HTTPS TLS, the template and two policies.
 * Keep in step with `runDoctor` (the doctor spec counts the checks of a passing run).
 */
export const DOCTOR_CHECK_COUNT = 9;
