/** CN of per-robot claim certificates: `device-claim:<serial>` (design 12.1 uses `device-claim`). */
export const PER_ROBOT_CLAIM_CN_PREFIX = 'device-claim:';
