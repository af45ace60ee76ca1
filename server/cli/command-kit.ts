import { z } from 'zod';
import type { Database } from '../db/database.js';

/** The pieces every CLI command is made of. */
export interface CliContext {
  db: Database;
  masterKey: Buffer;
  publicBaseUrl: string;
  /** Whether the relay has a Zendesk OAuth client (ZENDESK_CLIENT_ID/SECRET), which a connect link needs; false refuses one. */
  zendeskOAuth?: boolean;
  print: (line: string) => void;
}

export type Options = Record<string, string | boolean | undefined>;

/**
 * A command that ran but did not do what was asked (no such key, Zendesk refused the credentials): its message is
 * printed and the CLI exits 1. Thrown, never set on process.exitCode: while a relay runs, commands run inside it
 * (DATA_DIR/run/admin.sock), where process.exitCode is the relay's, and the CLI's own exit overrode it anyway.
 */
export class CommandFailed extends Error {}

export interface Command {
  summary: string;
  usage: string;
  /** An object schema: its keys are the command's options, and any other option is refused as a usage error. */
  options: z.ZodObject;
  run(ctx: CliContext, options: never): Promise<void>;
}

export const str = z.string().min(1);
export const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');

export const table = (rows: Record<string, unknown>[]) =>
  rows.length === 0 ? '(none)' : rows.map((r) => Object.entries(r).map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : String(v)}`).join('  ')).join('\n');

export const define = <S extends z.ZodObject>(c: {
  summary: string;
  usage: string;
  options: S;
  run(ctx: CliContext, options: z.infer<S>): Promise<void>;
}): Command => c as unknown as Command;

