/** Every language must translate every key of the English file (checked by tsc). */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
