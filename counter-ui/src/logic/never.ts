/**
 * Local twin of the shared `assertNever`: importing values from `@qms/shared` would bundle zod
 * and the config schemas into the app for one function.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected variant: ${JSON.stringify(value)}`);
}
