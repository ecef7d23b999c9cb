import { z } from 'zod';

/** A JSON object with any JSON values (what a shadow `desired` / `reported` section holds). */
export const JsonObjectSchema = z.record(z.string(), z.json());

/** A JSON object with any JSON values. */
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/** Milliseconds since the Unix epoch, as an integer within the range of `Date`. */
export const EpochMillisSchema = z.number().int().min(0).max(8.64e15);
