import { catalogFor, type Catalog } from '#shared/catalog/index';
import { rollupYear } from '#shared/rollup/rollupYear';
import { seedLevels, seedUnits } from '../../../local/seedData.ts';
import { seedReportStates } from '../../../local/seedReports.ts';
import { memoryRollupStore } from './memoryPorts.ts';

/** The seed's demo history rolled up for a year on arrays: what `npm start` then `npm run rollup` would show. */
export async function rollUpSeed(year = 2025) {
  const store = memoryRollupStore({
    units: seedUnits,
    levels: seedLevels,
    reports: seedReportStates(seedUnits).map((r) => r.state),
  });
  await rollupYear({
    year,
    catalog: catalogFor(year) as Catalog,
    previousCatalog: catalogFor(year - 1) as Catalog,
    runId: `seed-${year}`,
    requestedBy: 'test',
    now: () => new Date(`${year + 1}-02-01T00:30:00+07:00`),
    sources: store.sources,
    sinks: store.sinks(year),
  });
  return store;
}
