import { HAS_SHARED_DATA, readShared } from '../support/shared-data';

/** The published oracle numbers in ../shared/data/oracles/oracle.json (see data/SOURCES.md). */
export interface Oracle {
  gi_star_6pt: {
    points: [number, number][];
    y: number[];
    neighbors0: number[][];
    Zs_GiStar_B: number[];
    p_two_sided_GiStar_B_derived: number[];
  };
  mann_kendall: { s: number; var_s: number; z: number; p: number; Tau: number };
}

export function readOracle(): Oracle {
  return JSON.parse(readShared('oracles/oracle.json').toString('utf8')) as Oracle;
}

/** The Bogra column of the pyMannKendall rainfall series, NaN (empty) rows dropped as pyMannKendall does. */
export function readBograRainfall(): number[] {
  const [header, ...rows] = readShared('oracles/rain.csv').toString('utf8').trim().split(/\r?\n/);
  const column = header!.split(',').indexOf('Bogra');
  return rows.map((row) => row.split(',')[column]!.trim()).filter((cell) => cell !== '' && cell.toLowerCase() !== 'nan').map(Number);
}

export { HAS_SHARED_DATA };
