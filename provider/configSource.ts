/**
 * Where a setting is read from (a stack config reader, the environment), and the error a bad setting raises:
 * what both settings.ts and the client's credentials (client/credentials.ts) read, below either of them, so
 * neither imports the other's module back.
 */

/** Reads a stack config key by its full name (`namespace:key`); undefined when not set. */
export type ConfigReader = (key: string) => string | undefined;
export type Environment = Readonly<Record<string, string | undefined>>;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}
