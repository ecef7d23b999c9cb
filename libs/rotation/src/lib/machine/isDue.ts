/**
 * Whether a wake-up time has come. A time further ahead than `maxWait` can only mean the clock moved
 * backwards since it was set (NTP step, reboot without RTC): treat it as due rather than wait months.
 */
export function isDue(at: number, now: number, maxWait: number): boolean {
  return now >= at || at - now > maxWait;
}
