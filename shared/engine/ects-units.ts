/**
 * ECTS are decimals (5, 2.5, 7.5): the search works in integer units of 1/scale ECTS, with the
 * smallest scale that makes every credential's ECTS whole. Bounds round inwards, which is exact:
 * a whole number of units is ≥ 59.5·s exactly when it is ≥ ceil(59.5·s).
 */
const SCALES = [1, 2, 4, 10, 20, 100, 1000];
const EPS = 1e-9;

export const chooseScale = (ects: readonly number[]): number =>
  SCALES.find((s) => ects.every((x) => Math.abs(x * s - Math.round(x * s)) < EPS * s)) ?? 1000;

export const toUnits = (ects: number, scale: number): number => Math.round(ects * scale);
export const minUnits = (ects: number, scale: number): number => Math.ceil(ects * scale - EPS);
export const maxUnits = (ects: number, scale: number): number => Math.floor(ects * scale + EPS);
export const toEcts = (units: number, scale: number): number => Math.round((units / scale) * 1000) / 1000;
