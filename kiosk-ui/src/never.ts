/**
 * As in @qms/shared; defined here because importing the shared index at runtime would bundle
 * zod and the config schemas into the kiosk for one function.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected variant: ${JSON.stringify(value)}`);
}
