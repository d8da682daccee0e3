// Volumes are stored in mL; a parent may read and type them in US fluid ounces.

export const ML_PER_OZ = 29.5735;

export function fromMl(ml, unit) {
  return unit === 'OZ' ? ml / ML_PER_OZ : ml;
}

export function toMl(value, unit) {
  return unit === 'OZ' ? value * ML_PER_OZ : value;
}

export function unitLabel(unit) {
  return unit === 'OZ' ? 'oz' : 'mL';
}

export function digits(unit) {
  return unit === 'OZ' ? 1 : 0;
}
