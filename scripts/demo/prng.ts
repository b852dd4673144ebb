/** The seeded PRNG lives in server/shared so the patrol schedules use the same one; the demo imports it from here. */
export { Prng, WeightedTable, IndexTable } from '../../server/shared/prng.js';
