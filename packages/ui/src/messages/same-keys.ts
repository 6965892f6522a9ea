/** An object with exactly the keys of `T` at every level, each leaf a string: an English file mirrors its Russian one. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> }
