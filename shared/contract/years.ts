/** The years a `{year}` path parameter may name; a year among them still needs a catalog to be reported on. */
export const REPORTING_YEARS = { min: 2000, max: 2100 } as const;
